/**
 * The seed's support-file plugin: every request and answer written to a directory, so that the XML
 * can be handed to Autotask support. Secrets never reach the disk: the Authorization header, the
 * password and the integration code (in any form, see runtime/protocol/redaction.ts) are replaced by
 * `[REDACTED]` before anything is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { REDACTED, type Redactor } from '../protocol/redaction.js';

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

  /** Starts an exchange: returns the base name shared by its `-sent.xml` and `-received.xml`. */
  begin(): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return `${stamp}-${randomUUID()}`;
  }

  writeSent(base: string, requestLine: string, headers: Record<string, string>, body: string): void {
    const headerText = Object.entries(headers)
      .map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? REDACTED : value}`)
      .join('\n');
    this.write(`${base}-sent.xml`, withComment(`${requestLine}\n${headerText}`, body));
  }

  writeReceived(base: string, statusLine: string, body: string): void {
    this.write(`${base}-received.xml`, withComment(statusLine, body));
  }

  [inspect.custom](): string {
    return `SupportFiles { directory: ${JSON.stringify(this.directory)} }`;
  }

  toJSON(): { directory: string } {
    return { directory: this.directory };
  }

  private write(name: string, text: string): void {
    writeFileSync(join(this.directory, name), this.#redactor.redact(text));
  }
}

/** Puts the HTTP lines into an XML comment, after any XML declaration, so the file stays XML. */
function withComment(lines: string, body: string): string {
  const comment = `<!--\n${lines.replace(/--/g, '- -')}\n-->\n`;
  const declaration = /^<\?xml[^>]*\?>\s*/.exec(body);
  if (declaration === null) return comment + body;
  return declaration[0] + comment + body.slice(declaration[0].length);
}
