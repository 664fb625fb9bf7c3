/**
 * The seed's support-file plugin: every request and answer written to a directory, so that the XML
 * can be handed to Autotask support. Secrets never reach the disk: the Authorization header, the
 * password and the integration code are replaced by `[REDACTED]` before anything is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { escapeXmlText } from '../xml/escape.js';

export const REDACTED = '[REDACTED]';

/** Replaces every occurrence of the given secrets (as written and XML-escaped) in a text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
    .replace(/(<(?:\w+:)?IntegrationCode\b[^>]*>)[^<]*(<\/)/g, `$1${REDACTED}$2`)
    .replace(/(Authorization:\s*)[^\r\n;]*/gi, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 1) continue;
    for (const form of new Set([secret, escapeXmlText(secret)])) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** Writes one exchange's files; a name pair shares its timestamp and uuid. */
export class SupportFiles {
  constructor(
    readonly directory: string,
    private readonly secrets: readonly (string | undefined)[],
  ) {
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

  private write(name: string, text: string): void {
    writeFileSync(join(this.directory, name), redactSecrets(text, this.secrets));
  }
}

/** Puts the HTTP lines into an XML comment, after any XML declaration, so the file stays XML. */
function withComment(lines: string, body: string): string {
  const comment = `<!--\n${lines.replace(/--/g, '- -')}\n-->\n`;
  const declaration = /^<\?xml[^>]*\?>\s*/.exec(body);
  if (declaration === null) return comment + body;
  return declaration[0] + comment + body.slice(declaration[0].length);
}
