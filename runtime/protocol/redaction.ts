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
 * Where a secret is looked for depends on what it is:
 * - a word (letters only, fewer than {@link WORD_SECRET_LENGTH}: `Ticket`, `https`) is only looked for
 *   where it stands as a credential: after a key such as `password=`, `"pwd":`, `<Password>`, after
 *   the user name and a colon (`user:secret`, URL user info). Replacing a word everywhere garbles
 *   every message that uses it (`[REDACTED]://host`), and the words around the mark name it anyway;
 * - any other secret shorter than {@link SHORT_SECRET_LENGTH} is replaced where it stands as a whole
 *   token (not glued to a letter or digit), so that `q7` does not turn `q7x` into `[REDACTED]x`;
 * - any other secret, wherever it occurs.
 * base64 forms are never words: they are looked for by the last two rules.
 * Besides the known secrets, the content of any `<IntegrationCode>` element and any `Authorization:`
 * header value are redacted, whoever's they are.
 *
 * Text that is cut to a length (an error quoting the start of an answer) is redacted first and cut
 * after ({@link quote}), so that a secret straddling the cut never shows its first characters.
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this (that are not words) are redacted as whole tokens only. */
export const SHORT_SECRET_LENGTH = 8;

/** Secrets of letters only shorter than this are words: redacted where they stand as a credential only. */
export const WORD_SECRET_LENGTH = 20;

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

/** The secrets of a login: its password and integration code. */
function secretsOf(source: SecretSource): Array<string | undefined> {
  return [source.password, source.integrationCode];
}

/** `user:password`, which a text may hold as base64 (the Basic token), if the login has both. */
function pairOf(source: SecretSource): string | undefined {
  const { username, password } = source;
  return typeof username === 'string' && typeof password === 'string' && password !== '' ? `${username}:${password}` : undefined;
}

/** Where a secret is looked for (see the module comment). */
export type SecretReach = 'anywhere' | 'token' | 'credential';

const WORD = new RegExp(`^\\p{L}{1,${WORD_SECRET_LENGTH - 1}}$`, 'u');

/**
 * Where a secret is looked for: a word only where it stands as a credential, another short secret
 * as a whole token, any other anywhere.
 *
 * @example secretReach('https') // "credential"
 */
export function secretReach(secret: string): SecretReach {
  if (WORD.test(secret)) return 'credential';
  return secret.length >= SHORT_SECRET_LENGTH ? 'anywhere' : 'token';
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

/**
 * What a text looks for: a secret as itself, or as base64 (of the secret, or of `user:password`):
 * `text` is what it looks like (the base64 without padding), `pattern` every way a text may write it.
 */
interface Needle {
  readonly text: string;
  readonly pattern: string;
  readonly reach: SecretReach;
}

const asItself = (secret: string): Needle => ({ text: secret, pattern: formsPattern(secret), reach: secretReach(secret) });

/** base64 of a text, one pattern for both alphabets (`+/` or `-_`), padded or not. */
function asBase64(text: string): Needle {
  const bare = Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');
  const urlSafe: { readonly [ch: string]: string } = { '+': '-', '/': '_' };
  const chars = [...bare].map((ch) => (urlSafe[ch] === undefined ? charPattern(ch) : `(?:${charPattern(ch)}|${charPattern(urlSafe[ch] as string)})`));
  // base64 is never ordinary text, whatever letters it happens to be made of: never a word.
  return { text: bare, pattern: `${chars.join('')}${charPattern('=')}{0,2}`, reach: bare.length >= SHORT_SECRET_LENGTH ? 'anywhere' : 'token' };
}

const WORD_CHAR = 'A-Za-z0-9_\\u0080-\\uffff';
const isWordChar = (ch: string): boolean => new RegExp(`[${WORD_CHAR}]`).test(ch);

/** A needle's pattern, not glued to a word character on a side where it starts or ends with one. */
function tokenPattern(needle: Needle): string {
  const before = isWordChar(needle.text.charAt(0)) ? `(?<![${WORD_CHAR}])` : '';
  const after = isWordChar(needle.text.charAt(needle.text.length - 1)) ? `(?![${WORD_CHAR}])` : '';
  return `${before}${needle.pattern}${after}`;
}

// A key naming a credential (`password=`, `"pwd": "`, `<Password>`, `--pasword=`), then what
// separates it from the value; or a user name and the colon before its password.
const CREDENTIAL_KEY = '(?:pass(?:word|wd|phrase)?|pasword|pwd?|secret|token|api[-_ ]?key|integration[-_ ]?code|credentials?)';
const KEY_SEPARATOR = `(?:[\\s"'=:>]|${AMP}(?:quot|apos|gt);|${AMP}#0*(?:34|39|58|61|62);|${AMP}#x0*(?:22|27|3a|3d|3e);|%2[27]|%3[ade]|\\\\["'])+`;
const USER_SEPARATOR = `(?::|%3a|${AMP}#0*58;|${AMP}#x0*3a;)`;

const STRUCTURAL: ReadonlyArray<[RegExp, string]> = [
  [/(<(?:[\w.-]+:)?IntegrationCode\b[^>]*>)[^<]*(<\/)/g, `$1${REDACTED}$2`],
  [/(&lt;(?:[\w.-]+:)?IntegrationCode\b.*?&gt;).*?(&lt;\/)/g, `$1${REDACTED}$2`],
  [/(Authorization["']?\s*[:=]\s*["']?)[^\r\n;"'<]*/gi, `$1${REDACTED}`],
];

const bySizeDown = (a: Needle, b: Needle): number => b.text.length - a.text.length;

/**
 * A redaction made once for a set of secrets and applied to many texts (every debug line, every
 * support file, every error message of a connection).
 *
 * @example
 * const redactor = Redactor.of({ username, password, integrationCode });
 * redactor.redact(`login ${password} failed`) // "login [REDACTED] failed"
 */
export class Redactor {
  /**
   * One expression per secret looked for anywhere or as a whole token, longest first (so that a
   * secret containing another is replaced whole). One each, not one alternation of all: V8 skips
   * ahead through a text to the few characters a single secret's forms can start with, which an
   * alternation of many secrets' forms (base64 starts with any letter) defeats.
   */
  readonly #secrets: readonly RegExp[];
  /** Words looked for where they stand as a credential; group 1 is the key or `user:` before them. */
  readonly #credentials: RegExp | undefined;

  /**
   * @param secrets the texts to hide, each looked for in every form it may be written in, and as base64
   * @param usernames user names whose `user:<secret>` marks a credential
   * @param pairs texts looked for as base64 only (`user:password`, the Basic token)
   */
  constructor(secrets: Iterable<string | undefined>, usernames: Iterable<string | undefined> = [], pairs: Iterable<string | undefined> = []) {
    const given = (texts: Iterable<string | undefined>): string[] =>
      [...new Set(texts)].filter((t): t is string => typeof t === 'string' && t !== '');
    const needles = [...given(secrets).flatMap((secret) => [asItself(secret), asBase64(secret)]), ...given(pairs).map(asBase64)];
    const words = needles.filter((needle) => needle.reach === 'credential');
    this.#secrets = needles
      .filter((needle) => needle.reach !== 'credential')
      .sort(bySizeDown)
      .map((needle) => new RegExp(needle.reach === 'token' ? tokenPattern(needle) : needle.pattern, 'gi'));
    if (words.length > 0) {
      const before = [`${CREDENTIAL_KEY}${KEY_SEPARATOR}`, ...given(usernames).map((user) => `${formsPattern(user)}${USER_SEPARATOR}`)];
      const values = words.sort(bySizeDown).map((word) => word.pattern);
      this.#credentials = new RegExp(`(${before.join('|')})(?:${values.join('|')})(?![${WORD_CHAR}])`, 'gi');
    }
  }

  /** The redactor of a login: password, integration code and their base64 forms, the Basic token. */
  static of(source: SecretSource): Redactor {
    return new Redactor(secretsOf(source), [source.username], [pairOf(source)]);
  }

  /** The text with every secret (in every form) and every credential-bearing structure replaced by `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    for (const [pattern, replacement] of STRUCTURAL) out = out.replace(pattern, replacement);
    for (const secret of this.#secrets) out = out.replace(secret, REDACTED);
    if (this.#credentials !== undefined) out = out.replace(this.#credentials, `$1${REDACTED}`);
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

  /** Whether the text holds one of the secrets (the credential-bearing structures aside). */
  holdsSecret(text: string): boolean {
    return this.#secrets.some((secret) => text.search(secret) >= 0) || (this.#credentials !== undefined && text.search(this.#credentials) >= 0);
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
const knownUsers = new Set<string>();
const knownPairs = new Set<string>();
let knownRedactor: Redactor | undefined;

/**
 * Remembers a login's secrets for {@link redactKnownSecrets} and returns the login's own redactor.
 *
 * @example const redactor = registerSecrets({ username, password, integrationCode });
 */
export function registerSecrets(source: SecretSource): Redactor {
  const size = (): number => knownSecrets.size + knownUsers.size + knownPairs.size;
  const before = size();
  for (const secret of secretsOf(source)) if (typeof secret === 'string' && secret !== '') knownSecrets.add(secret);
  if (typeof source.username === 'string' && source.username !== '') knownUsers.add(source.username);
  const pair = pairOf(source);
  if (pair !== undefined) knownPairs.add(pair);
  if (size() !== before) knownRedactor = new Redactor(knownSecrets, knownUsers, knownPairs);
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
