/**
 * An evaluator of query conditions written from the queryxml grammar of the reference README and
 * the SQL Server semantics Autotask runs on, independently of the simulator's code (none of it is
 * imported here): items combine left to right, each with its own operator; a comparison with a
 * null field is false except IsNull/IsNotNull; text compares case-insensitively, trailing spaces
 * ignored by = and <, significant in LIKE; LIKE has %, _ and [set]; SOUNDEX is American Soundex;
 * date-times compare as US Eastern wall-clock values (what Autotask's database stores), so two
 * instants an hour apart in the repeated hour of November are the same value.
 */
import type { EntityBase } from '../../runtime/index.js';
import { intlEasternWallClock } from '../support/intl-eastern.js';

export type Kind = 'text' | 'number' | 'date' | 'boolean';

export interface FieldSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly udf: boolean;
  /** Text ordering (<, >) only where SQL Server's collation and plain code order agree: [A-Za-z0-9 ]. */
  readonly ordered?: boolean;
  /** SOUNDEX only on fields holding single ASCII words, where Microsoft documents what it does. */
  readonly soundex?: boolean;
}

export type CombineOp = 'AND' | 'OR';

export interface Leaf {
  readonly kind: 'leaf';
  readonly combine: CombineOp;
  readonly field: FieldSpec;
  readonly op: string;
  readonly value: string | number | boolean | Date | undefined;
}

export interface Group {
  readonly kind: 'group';
  readonly combine: CombineOp;
  readonly items: readonly Node[];
}

export type Node = Leaf | Group;

type Raw = string | number | boolean | Date | null | undefined;

/**
 * A field's value; an empty text is null: "String fields in the API are not nullable and will
 * always be returned" (API return values page), so an unset text field arrives as "" and must
 * query as the null it is.
 */
function read(entity: EntityBase, field: FieldSpec): Raw {
  const raw = field.udf ? entity.getUdf(field.name) : (entity as unknown as Record<string, Raw>)[field.name];
  return field.kind === 'text' && raw === '' ? undefined : raw;
}

const fold = (s: string): string => s.toLowerCase();
const rtrim = (s: string): string => s.replace(/ +$/, '');

/** SQL Server LIKE over already case-folded text: % any run, _ one UTF-16 unit, [set] / [^set]. */
export function likeMatches(text: string, pattern: string): boolean {
  type Token = { any: true } | { one: true } | { set: string; negate: boolean } | { literal: string };
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '%') tokens.push({ any: true });
    else if (c === '_') tokens.push({ one: true });
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`the generator made an unclosed [ in ${pattern}`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      tokens.push({ set: body, negate });
      i = end;
    } else tokens.push({ literal: c });
  }
  // Classic two-row dynamic programming over (token, position).
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const token of tokens) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if ('any' in token) {
      let reachable = false;
      for (let j = 0; j <= text.length; j++) {
        reachable = reachable || (row[j] as boolean);
        next[j] = reachable;
      }
    } else {
      for (let j = 1; j <= text.length; j++) {
        if (!row[j - 1]) continue;
        const ch = text[j - 1] as string;
        const ok = 'one' in token ? true : 'literal' in token ? token.literal === ch : token.set.includes(ch) !== token.negate;
        if (ok) next[j] = true;
      }
    }
    row = next;
  }
  return row[text.length] as boolean;
}

const SOUNDEX_DIGIT: Record<string, string> = {};
for (const [letters, digit] of [
  ['bfpv', '1'],
  ['cgjkqsxz', '2'],
  ['dt', '3'],
  ['l', '4'],
  ['mn', '5'],
  ['r', '6'],
] as const) {
  for (const letter of letters) SOUNDEX_DIGIT[letter] = digit;
}

/** American Soundex of one ASCII word: vowels separate equal codes, h and w do not. */
export function soundexOfWord(word: string): string {
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w)) throw new Error(`soundex is only defined here for single ASCII words, got ${JSON.stringify(word)}`);
  let code = (w[0] as string).toUpperCase();
  let last = SOUNDEX_DIGIT[w[0] as string] ?? '';
  for (const letter of w.slice(1)) {
    if (code.length === 4) break;
    const digit = SOUNDEX_DIGIT[letter];
    if (digit === undefined) {
      if (letter !== 'h' && letter !== 'w') last = '';
    } else {
      if (digit !== last) code += digit;
      last = digit;
    }
  }
  return code.padEnd(4, '0');
}

function compare(op: string, order: number): boolean {
  switch (op) {
    case 'Equals':
      return order === 0;
    case 'NotEqual':
      return order !== 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThanorEquals':
      return order >= 0;
    case 'LessThanOrEquals':
      return order <= 0;
    default:
      throw new Error(`not a comparison: ${op}`);
  }
}

const sign = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

function evaluateLeaf(leaf: Leaf, entity: EntityBase): boolean {
  const raw = read(entity, leaf.field);
  const isNull = raw === undefined || raw === null;
  if (leaf.op === 'IsNull') return isNull;
  if (leaf.op === 'IsNotNull') return !isNull;
  if (isNull) return false;
  const value = leaf.value;
  switch (leaf.field.kind) {
    case 'text': {
      const v = fold(String(raw));
      const x = fold(String(value));
      switch (leaf.op) {
        case 'BeginsWith':
          return v.startsWith(x);
        case 'EndsWith':
          return v.endsWith(x);
        case 'Contains':
          return v.includes(x);
        case 'Like':
          return likeMatches(v, x);
        case 'NotLike':
          return !likeMatches(v, x);
        case 'SoundsLike':
          return soundexOfWord(String(raw)) === soundexOfWord(String(value));
        default:
          return compare(leaf.op, sign(rtrim(v), rtrim(x)));
      }
    }
    case 'number':
      return compare(leaf.op, sign(Number(raw), Number(value)));
    case 'boolean':
      return compare(leaf.op, raw === value ? 0 : 1);
    case 'date': {
      if (!(raw instanceof Date) || !(value instanceof Date)) throw new Error(`${leaf.field.name}: expected dates`);
      // The query carries whole seconds; the stored value keeps its milliseconds.
      const x = `${intlEasternWallClock(value)}.000`;
      const v = intlEasternWallClock(raw, true);
      if (leaf.op === 'IsThisDay') return v.slice(0, 10) === x.slice(0, 10);
      return compare(leaf.op, sign(v, x));
    }
  }
}

/** Items combine strictly left to right, each with its own operator; the first one's is ignored. */
export function evaluateItems(items: readonly Node[], entity: EntityBase): boolean {
  let result = false;
  items.forEach((item, i) => {
    const value = item.kind === 'leaf' ? evaluateLeaf(item, entity) : evaluateItems(item.items, entity);
    result = i === 0 ? value : item.combine === 'OR' ? result || value : result && value;
  });
  return result;
}

/** The tree in a readable one-line form, for counterexamples. */
export function describeItems(items: readonly Node[]): string {
  return items
    .map((item, i) => {
      const prefix = i === 0 ? '' : ` ${item.combine} `;
      if (item.kind === 'group') return `${prefix}(${describeItems(item.items)})`;
      const value = item.value instanceof Date ? `${item.value.toISOString()} [${intlEasternWallClock(item.value)} ET]` : JSON.stringify(item.value);
      return `${prefix}${item.field.udf ? 'udf:' : ''}${item.field.name} ${item.op}${item.value === undefined ? '' : ` ${value}`}`;
    })
    .join('');
}
