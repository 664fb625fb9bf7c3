/**
 * SQL Server's text matching, as ATWS queries behave on Autotask's SQL Server: case-insensitive
 * comparison, LIKE patterns and SOUNDEX.
 */

/** Case-insensitive text key, as SQL Server's default collation compares. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

type LikeToken =
  | { readonly kind: 'any' }
  | { readonly kind: 'one' }
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'set'; readonly has: (c: string) => boolean };

/**
 * A `[...]` class as a membership test: its single characters in a set, its ranges sorted and
 * merged for a binary search, so that a class of thousands of ranges costs a few comparisons per
 * character of text instead of one per range. A range written backwards (`z-a`) holds nothing.
 */
function setToken(body: string): LikeToken {
  const negate = body.startsWith('^');
  const rest = negate ? body.slice(1) : body;
  const chars = new Set<string>();
  const written: Array<[string, string]> = [];
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i] as string;
    const to = rest[i + 2];
    if (rest[i + 1] === '-' && to !== undefined) {
      if (c <= to) written.push([c, to]);
      i += 2;
    } else chars.add(c);
  }
  written.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const from: string[] = [];
  const to: string[] = [];
  for (const [start, end] of written) {
    const last = to.length - 1;
    if (last >= 0 && start <= (to[last] as string)) {
      if (end > (to[last] as string)) to[last] = end;
    } else {
      from.push(start);
      to.push(end);
    }
  }
  const inRanges = (c: string): boolean => {
    let lo = 0;
    let hi = from.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (c < (from[mid] as string)) hi = mid - 1;
      else if (c > (to[mid] as string)) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return { kind: 'set', has: (c) => (chars.has(c) || inRanges(c)) !== negate };
}

function tokenMatches(token: LikeToken, c: string): boolean {
  switch (token.kind) {
    case 'one':
      return true;
    case 'char':
      return token.char === c;
    case 'set':
      return token.has(c);
    default:
      return false;
  }
}

/**
 * Compiles a LIKE pattern (`%` any run, `_` one character, `[abc]`/`[a-z]`/`[^a]` a class) into a
 * matcher of the whole text, case-insensitive unless told another `fold`. Matching is the greedy wildcard walk that returns to
 * the last `%` on a mismatch: at most (pattern x text) steps whatever the pattern, where a
 * backtracking RegExp of `%a%a%a%a%b` over a long text takes exponential time and blocks the
 * server (every request waits on the one event loop); a text shorter than the characters the
 * pattern demands is refused at once, and the engine caps patterns at 4,000 characters
 * (query-limits.ts).
 */
export function likeMatcher(pattern: string, fold: (text: string) => string = foldCase): (text: string) => boolean {
  const folded = fold(pattern);
  const tokens: LikeToken[] = [];
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i] as string;
    if (c === '%') {
      if (tokens[tokens.length - 1]?.kind !== 'any') tokens.push({ kind: 'any' });
    } else if (c === '_') tokens.push({ kind: 'one' });
    else if (c === '[') {
      const end = folded.indexOf(']', i + 2);
      if (end < 0) {
        tokens.push({ kind: 'char', char: c });
        continue;
      }
      tokens.push(setToken(folded.slice(i + 1, end)));
      i = end;
    } else tokens.push({ kind: 'char', char: c });
  }
  // Every token but `%` takes one character: a shorter text cannot match, whatever the pattern.
  const fixed = tokens.filter((token) => token.kind !== 'any').length;
  return (input) => {
    const text = fold(input);
    if (text.length < fixed) return false;
    let t = 0;
    let p = 0;
    let starP = -1;
    let starT = 0;
    while (t < text.length) {
      const token = tokens[p];
      if (token !== undefined && token.kind === 'any') {
        starP = p++;
        starT = t;
      } else if (token !== undefined && tokenMatches(token, text[t] as string)) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else return false;
    }
    while (tokens[p]?.kind === 'any') p++;
    return p === tokens.length;
  };
}

const SOUNDEX_CODES: Record<string, string> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
};

/**
 * SQL Server's SOUNDEX: first letter plus three digits; H and W do not separate equal codes,
 * vowels do. Text that starts with no letter gives '' (as SQL Server gives an empty code).
 */
export function soundex(text: string): string {
  const letters = text.toLowerCase().replace(/[^a-z]/g, '');
  const first = letters[0];
  if (first === undefined) return '';
  let code = first.toUpperCase();
  let previous = SOUNDEX_CODES[first] ?? '';
  for (let i = 1; i < letters.length && code.length < 4; i++) {
    const c = letters[i] as string;
    const digit = SOUNDEX_CODES[c];
    if (digit === undefined) {
      // Vowels (and y) reset the run; h and w do not.
      if (c !== 'h' && c !== 'w') previous = '';
      continue;
    }
    if (digit !== previous) code += digit;
    previous = digit;
  }
  return code.padEnd(4, '0');
}
