/**
 * The one redaction of secrets (password, integration code, the Basic token made of them) used by
 * everything that writes text someone may read: client errors, debug lines, support files, the CLI,
 * the simulator's faults and codegen's errors. It sits below client, simulator and codegen (it
 * imports nothing) so that all three share the same rules.
 *
 * Each secret is looked for in every form a message may quote it in: as written, XML/HTML-escaped,
 * URL-encoded (also with `+` for spaces), JSON-escaped, and base64 of `user:password`. A secret
 * shorter than {@link SHORT_SECRET_LENGTH} cannot be told from ordinary text, so it is replaced only
 * where it stands as a whole token (not inside a longer word): a password `tt` leaves `https` alone
 * instead of turning it into `h[REDACTED]ps`, which would also reveal the password's letters.
 * Besides the known secrets, the content of any `<IntegrationCode>` element and any `Authorization:`
 * header value are redacted, whoever's they are.
 *
 * Text that is cut to a length (an error quoting the start of an answer) is redacted first and cut
 * after ({@link quote}), so that a secret straddling the cut never shows its first characters.
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are redacted as whole tokens only. */
export const SHORT_SECRET_LENGTH = 8;

/**
 * How much text past a cut a quote should keep for the redaction before the cut to see a whole
 * secret: longer than any form of a secret of up to 200 characters.
 */
export const QUOTE_LOOKAHEAD = 4096;

/** What a connection (or a codegen pull, or a simulator tenant) must keep out of every text. */
export interface SecretSource {
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly integrationCode?: string | undefined;
}

/** `Basic <base64 of user:password>`'s token, as sent in the Authorization header. */
export function basicToken(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

const isWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;

function xmlForms(secret: string): string[] {
  const base = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const forms = new Set<string>();
  for (const [dq, sq] of [['"', "'"], ['&quot;', '&apos;'], ['&#34;', '&#39;'], ['&quot;', '&#39;'], ['&#x22;', '&#x27;']] as const) {
    forms.add(base.replace(/"/g, dq).replace(/'/g, sq));
  }
  return [...forms];
}

/** Every form a secret may be quoted in (itself first). */
export function secretForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    ...xmlForms(secret),
    url,
    url.replace(/%20/g, '+'),
    url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    JSON.stringify(secret).slice(1, -1),
  ]);
  return [...forms].filter((form) => form !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const STRUCTURAL: ReadonlyArray<[RegExp, string]> = [
  [/(<(?:[\w.-]+:)?IntegrationCode\b[^>]*>)[^<]*(<\/)/g, `$1${REDACTED}$2`],
  [/(&lt;(?:[\w.-]+:)?IntegrationCode\b.*?&gt;).*?(&lt;\/)/g, `$1${REDACTED}$2`],
  [/(Authorization["']?\s*[:=]\s*["']?)[^\r\n;"'<]*/gi, `$1${REDACTED}`],
];

/**
 * A redaction made once for a set of secrets and applied to many texts (every debug line, every
 * support file, every error message of a connection).
 *
 * @example
 * const redactor = Redactor.of({ username, password, integrationCode });
 * redactor.redact(`login ${password} failed`) // "login [REDACTED] failed"
 */
export class Redactor {
  readonly #long: RegExp | undefined;
  readonly #short: readonly string[];

  constructor(secrets: Iterable<string | undefined>) {
    const long = new Set<string>();
    const short = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret === '') continue;
      for (const form of secretForms(secret)) (form.length >= SHORT_SECRET_LENGTH ? long : short).add(form);
    }
    // Longest first, so that a form containing another is replaced whole.
    const sorted = [...long].sort((a, b) => b.length - a.length);
    this.#long = sorted.length === 0 ? undefined : new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
    this.#short = [...short].sort((a, b) => b.length - a.length);
  }

  /** The redactor of a login: password, integration code and their Basic token. */
  static of(source: SecretSource): Redactor {
    const { username, password, integrationCode } = source;
    const token = username !== undefined && password !== undefined ? basicToken(username, password) : undefined;
    return new Redactor([password, integrationCode, token]);
  }

  /** The text with every secret (in every form) and every credential-bearing structure replaced by `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    for (const [pattern, replacement] of STRUCTURAL) out = out.replace(pattern, replacement);
    if (this.#long !== undefined) out = out.replace(this.#long, REDACTED);
    for (const form of this.#short) out = replaceTokens(out, form);
    return out;
  }

  /**
   * The text redacted, then cut to at most `max` characters (`ellipsis` included when cut). Cutting
   * after redacting means a secret straddling the cut is hidden whole, never shown in part; a cut
   * that would tear a `[REDACTED]` mark is made before it.
   *
   * @example redactor.quote(body, 300)
   */
  quote(text: string, max: number, ellipsis = ''): string {
    return cut(this.redact(text), max, ellipsis);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Redactor { [secrets hidden] }';
  }

  toJSON(): string {
    return 'Redactor';
  }
}

function cut(text: string, max: number, ellipsis: string): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ellipsis.length);
  const mark = text.lastIndexOf(REDACTED, end - 1);
  if (mark >= 0 && mark + REDACTED.length > end) end = mark;
  // Never half a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + ellipsis;
}

/** Replaces `form` where it is not glued to a word character on a side where it starts or ends with one. */
function replaceTokens(text: string, form: string): string {
  const first = isWordChar(form.charCodeAt(0));
  const last = isWordChar(form.charCodeAt(form.length - 1));
  let out = '';
  let from = 0;
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
    if (at < from) continue;
    const end = at + form.length;
    const gluedBefore = first && at > 0 && isWordChar(text.charCodeAt(at - 1));
    const gluedAfter = last && end < text.length && isWordChar(text.charCodeAt(end));
    if (gluedBefore || gluedAfter) continue;
    out += text.slice(from, at) + REDACTED;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Redacts the given secrets (and credential-bearing structures) from a text.
 *
 * @example redact('user:hunter2@host', ['hunter2']) // "user:[REDACTED]@host"
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  return new Redactor(secrets).redact(text);
}

// Every secret of every login made in this process, so that an error built anywhere (whatever
// layer builds it, whichever connection it belongs to) is redacted when it is made. Held in this
// module's closure only; nothing public reaches it.
const known = new Set<string>();
let knownRedactor: Redactor | undefined;

/**
 * Remembers a login's secrets for {@link redactKnownSecrets} and returns the login's own redactor.
 *
 * @example const redactor = registerSecrets({ username, password, integrationCode });
 */
export function registerSecrets(source: SecretSource): Redactor {
  const { username, password, integrationCode } = source;
  const token = username !== undefined && password !== undefined ? basicToken(username, password) : undefined;
  let added = false;
  for (const secret of [password, integrationCode, token]) {
    if (typeof secret === 'string' && secret !== '' && !known.has(secret)) {
      known.add(secret);
      added = true;
    }
  }
  if (added) knownRedactor = new Redactor(known);
  return Redactor.of(source);
}

/**
 * Redacts every secret registered in this process (and credential-bearing structures). Used by
 * every `AtwsError` for its message and quoted details, and by the CLI for what it prints.
 *
 * @example throw new Error(redactKnownSecrets(`answer: ${body}`));
 */
export function redactKnownSecrets(text: string): string {
  return (knownRedactor ?? EMPTY).redact(text);
}

/**
 * {@link Redactor.quote} with every secret registered in this process: redacts, then cuts to at
 * most `max` characters (`ellipsis` included when cut). What every error quoting a text uses.
 *
 * @example new FieldDecodeError(`Not a valid integer value: ${JSON.stringify(quote(text, 83, '...'))}`)
 */
export function quote(text: string, max: number, ellipsis = ''): string {
  return (knownRedactor ?? EMPTY).quote(text, max, ellipsis);
}

const EMPTY = new Redactor([]);
