/**
 * "did you mean ...?": the name a mistyped one was most likely meant to be, among the names that
 * exist (an option, an entity, a field, an operator).
 */

/** Edit distance (insertions, deletions, substitutions, swaps of two neighbours), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    const row = d[i] as number[];
    const above = d[i - 1] as number[];
    for (let j = 1; j <= y.length; j++) {
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[x.length] as number[])[y.length] as number;
}

/**
 * The candidate closest to `word`, or undefined when none is close: at most a third of the
 * candidate's letters may differ (at least one), so that a value such as `5` or `Complete`
 * suggests no operator. A candidate differing only in case wins outright.
 *
 * @example closestName('discoveryURL', ['url', 'discoveryUrl']) // "discoveryUrl"
 */
export function closestName<T extends string>(word: string, candidates: Iterable<T>): T | undefined {
  let best: { name: T; d: number } | undefined;
  for (const name of candidates) {
    if (name.toLowerCase() === word.toLowerCase()) return name;
    const d = editDistance(word, name);
    if (d <= Math.max(1, Math.floor(name.length / 3)) && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** `; did you mean X?` for a message, or '' when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const name = closestName(word, candidates);
  return name === undefined ? '' : `; did you mean ${name}?`;
}
