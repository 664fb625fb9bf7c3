/**
 * The Python wrapper's (python-atws) support-file plugin: every request and answer written to a directory, so that they
 * can be handed to Autotask support. Secrets never reach the disk: the Authorization header (and
 * any header the transport marks secret), the password and the integration code (in any form, see
 * runtime/protocol/redaction.ts) are replaced by `[REDACTED]` before anything is written.
 *
 * Any wire: a file is named `<timestamp>-<uuid>-<operation>-sent` / `-received`, and holds the
 * body as sent or received. An XML body keeps its `.xml` name and stays XML, the HTTP lines in a
 * comment after its declaration (what the SOAP files always were); any other body is written as an
 * HTTP message (`.http`: the request or status line, the headers, a blank line, the body), since
 * JSON has no comments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { inspectCustom } from '../../protocol/inspect-custom.js';
import { REDACTED, type Redactor } from '../../protocol/redaction.js';

/** Writes one exchange's files; a name pair shares its timestamp and uuid. */
export class SupportFiles {
  readonly #redactor: Redactor;

  constructor(
    readonly directory: string,
    redactor: Redactor,
  ) {
    this.#redactor = redactor;
    mkdirSync(directory, { recursive: true });
  }

  /**
   * Starts an exchange: returns the base name shared by its `-sent` and `-received` files, which
   * names the operation after the timestamp and uuid.
   */
  begin(operation: string = 'request'): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return `${stamp}-${randomUUID()}-${operation.replace(/[^A-Za-z0-9_.-]+/g, '_')}`;
  }

  /** The request: its line, its headers (secret ones redacted) and its body as sent. */
  writeSent(base: string, requestLine: string, headers: Record<string, string>, body: string): void {
    const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${isSecretHeader(name) ? REDACTED : value}`);
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    this.writeMessage(`${base}-sent`, [requestLine, ...headerLines], contentType, body);
  }

  /** The answer: its status line and its body as received. */
  writeReceived(base: string, statusLine: string, contentType: string, body: string): void {
    this.writeMessage(`${base}-received`, contentType === '' ? [statusLine] : [statusLine, `Content-Type: ${contentType}`], contentType, body);
  }

  [inspectCustom](): string {
    return `SupportFiles { directory: ${JSON.stringify(this.directory)} }`;
  }

  toJSON(): { directory: string } {
    return { directory: this.directory };
  }

  private writeMessage(name: string, lines: readonly string[], contentType: string, body: string): void {
    if (isXml(contentType, body)) this.write(`${name}.xml`, withComment(lines.join('\n'), body));
    else this.write(`${name}.http`, `${lines.join('\n')}\n\n${body}`);
  }

  private write(name: string, text: string): void {
    writeFileSync(join(this.directory, name), this.#redactor.redact(text));
  }
}

/** Headers whose value is a secret whatever the wire: credentials. */
function isSecretHeader(name: string): boolean {
  return /^(authorization|proxy-authorization|secret|apiintegrationcode)$/i.test(name);
}

/** An XML body: by its content type, or (none given) by its first character. */
function isXml(contentType: string, body: string): boolean {
  return contentType === '' ? body.trimStart().startsWith('<') : /xml/i.test(contentType);
}

/** Puts the HTTP lines into an XML comment, after any XML declaration, so the file stays XML. */
function withComment(lines: string, body: string): string {
  const comment = `<!--\n${lines.replace(/--/g, '- -')}\n-->\n`;
  const declaration = /^<\?xml[^>]*\?>\s*/.exec(body);
  if (declaration === null) return comment + body;
  return declaration[0] + comment + body.slice(declaration[0].length);
}
