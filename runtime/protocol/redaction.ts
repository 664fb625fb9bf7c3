/**
 * The one redaction of secrets (password, integration code, the Basic token made of them) used by
 * everything that writes text someone may read: client errors, debug lines, support files, the CLI,
 * the simulator's faults and codegen's errors and snapshots. It sits below client, simulator and
 * codegen (it imports nothing) so that all three share the same rules.
 *
 * A secret is looked for in every way a text may write it, each character on its own: as written,
 * in any case, as an XML/HTML entity (`&amp;`, also escaped twice), as a decimal or hexadecimal
 * numeric character reference (`&#112;`, `&#x70;`), percent-encoded (`+` for a space), JSON-escaped
 * (`\"`, `\u0070`); and as base64 (standard or URL-safe, with or without padding) of the password
 * alone, of the integration code and of `user:password` (the Basic token).
 *
 * A secret shorter than {@link SHORT_SECRET_LENGTH} cannot be told from ordinary text, so it is
 * replaced only where it stands as a whole token (not inside a longer word): a password `tt` leaves
 * `https` alone instead of turning it into `h[REDACTED]ps`, which would also reveal its letters.
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
 * secret: longer than any form of a secret of up to 200 characters (12 characters a character at
 * most, percent-encoded UTF-8 or a hexadecimal reference).
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

/** base64 of a text in both alphabets, with and without its padding (a quote may drop it). */
function base64Forms(text: string): string[] {
  const padded = Buffer.from(text, 'utf8').toString('base64');
  const bare = padded.replace(/=+$/, '');
  return [padded, bare, bare.replace(/\+/g, '-').replace(/\//g, '_')];
}

/** The texts of a login that must not be shown: password, integration code, and base64 of each and of `user:password`. */
function secretsOf(source: SecretSource): string[] {
  const { username, password, integrationCode } = source;
  const secrets: string[] = [];
  for (const secret of [password, integrationCode]) {
    if (typeof secret === 'string' && secret !== '') secrets.push(secret, ...base64Forms(secret));
  }
  if (typeof username === 'string' && typeof password === 'string' && password !== '') secrets.push(...base64Forms(`${username}:${password}`));
  return secrets;
}


function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// An entity's own `&` may itself be escaped (a page quoting escaped XML: `&amp;lt;`).
const AMP = '&(?:amp;)?';
const NAMED_ENTITY: { readonly [ch: string]: string } = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
const hex4 = (code: number): string => code.toString(16).padStart(4, '0');
const charPatterns = new Map<string, string>();

/** Every way a text may write one character (matched case-insensitively). */
function charPattern(ch: string): string {
  const cached = charPatterns.get(ch);
  if (cached !== undefined) return cached;
  const code = ch.codePointAt(0) as number;
  const forms = new Set<string>([escapeRegExp(ch), `${AMP}#0*${code};`, `${AMP}#x0*${code.toString(16)};`]);
  const named = NAMED_ENTITY[ch];
  if (named !== undefined) forms.add(`${AMP}${named};`);
  forms.add([...Buffer.from(ch, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
  if (ch === ' ') forms.add('\\+');
  if (/\s/.test(ch)) forms.add('\\s');
  const json = JSON.stringify(ch).slice(1, -1);
  if (json !== ch) forms.add(escapeRegExp(json));
  forms.add(code > 0xffff ? [...ch.slice(0, 2)].map((unit) => `\\\\u${hex4(unit.charCodeAt(0))}`).join('') : `\\\\u${hex4(code)}`);
  const pattern = `(?:${[...forms].join('|')})`;
  charPatterns.set(ch, pattern);
  return pattern;
}

/** Every way a text may write a secret, character by character. */
function formsPattern(secret: string): string {
  return [...secret].map(charPattern).join('');
}

const WORD_CHAR = 'A-Za-z0-9_\\u0080-\\uffff';
const isWordChar = (ch: string): boolean => new RegExp(`[${WORD_CHAR}]`).test(ch);

/** A secret's pattern, not glued to a word character on a side where it starts or ends with one. */
function tokenPattern(secret: string): string {
  const before = isWordChar(secret.charAt(0)) ? `(?<![${WORD_CHAR}])` : '';
  const after = isWordChar(secret.charAt(secret.length - 1)) ? `(?![${WORD_CHAR}])` : '';
  return `${before}${formsPattern(secret)}${after}`;
}

const STRUCTURAL: ReadonlyArray<[RegExp, string]> = [
  [/(<(?:[\w.-]+:)?IntegrationCode\b[^>]*>)[^<]*(<\/)/g, `$1${REDACTED}$2`],
  [/(&lt;(?:[\w.-]+:)?IntegrationCode\b.*?&gt;).*?(&lt;\/)/g, `$1${REDACTED}$2`],
  [/(Authorization["']?\s*[:=]\s*["']?)[^\r\n;"'<]*/gi, `$1${REDACTED}`],
];

const bySizeDown = (a: string, b: string): number => b.length - a.length;

/**
 * A redaction made once for a set of secrets and applied to many texts (every debug line, every
 * support file, every error message of a connection).
 *
 * @example
 * const redactor = Redactor.of({ username, password, integrationCode });
 * redactor.redact(`login ${password} failed`) // "login [REDACTED] failed"
 */
export class Redactor {
  /** Every secret in every form, short ones as whole tokens. */
  readonly #secrets: RegExp | undefined;

  /** @param secrets the texts to hide (each is looked for in every form it may be written in) */
  constructor(secrets: Iterable<string | undefined>) {
    const texts = [...new Set(secrets)].filter((secret): secret is string => typeof secret === 'string' && secret !== '');
    // Longest first, so that a secret containing another is replaced whole.
    const alternatives = texts.sort(bySizeDown).map((secret) => (secret.length < SHORT_SECRET_LENGTH ? tokenPattern(secret) : formsPattern(secret)));
    this.#secrets = alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'gi');
  }

  /** The redactor of a login: password, integration code and their base64 forms, the Basic token. */
  static of(source: SecretSource): Redactor {
    return new Redactor(secretsOf(source));
  }

  /** The text with every secret (in every form) and every credential-bearing structure replaced by `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    for (const [pattern, replacement] of STRUCTURAL) out = out.replace(pattern, replacement);
    if (this.#secrets !== undefined) out = out.replace(this.#secrets, REDACTED);
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
const knownSecrets = new Set<string>();
let knownRedactor: Redactor | undefined;

/**
 * Remembers a login's secrets for {@link redactKnownSecrets} and returns the login's own redactor.
 *
 * @example const redactor = registerSecrets({ username, password, integrationCode });
 */
export function registerSecrets(source: SecretSource): Redactor {
  const before = knownSecrets.size;
  for (const secret of secretsOf(source)) knownSecrets.add(secret);
  if (knownSecrets.size !== before) knownRedactor = new Redactor(knownSecrets);
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
 * @example new FieldDecodeError(`Not a valid integer value: ${JSON.stringify(quote(text, 80, '...'))}`)
 */
export function quote(text: string, max: number, ellipsis = ''): string {
  return (knownRedactor ?? EMPTY).quote(text, max, ellipsis);
}

const EMPTY = new Redactor([]);
