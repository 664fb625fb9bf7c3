/**
 * SQL Server's text matching, as ATWS queries behave on Autotask's SQL Server: case-insensitive
 * comparison, LIKE patterns and SOUNDEX.
 */

/** Case-insensitive text key, as SQL Server's default collation compares. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * Compiles a LIKE pattern (`%` any run, `_` one character, `[abc]`/`[a-z]`/`[^a]` a class) into
 * a case-insensitive RegExp that matches the whole text.
 */
export function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

const SOUNDEX_CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
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
