/**
 * A CPU ratio measured in pairs. These cores are shared and their speed drifts during a run: the
 * best of each side could come from two speeds, which moves the ratio either way. A pair (the
 * measured run, then its reference, back to back) sees one speed; the pair of median ratio is
 * the figure, its two sides the value and reference a row shows.
 */
export async function medianPair<A, B>(
  pairs: number,
  measured: () => Promise<A> | A,
  reference: () => Promise<B> | B,
  ratio: (a: A, b: B) => number,
): Promise<{ measured: A; reference: B }> {
  const runs: Array<{ measured: A; reference: B; ratio: number }> = [];
  for (let i = 0; i < pairs; i++) {
    const a = await measured();
    const b = await reference();
    runs.push({ measured: a, reference: b, ratio: ratio(a, b) });
  }
  runs.sort((x, y) => x.ratio - y.ratio);
  const { measured: a, reference: b } = runs[Math.floor(runs.length / 2)] as (typeof runs)[number];
  return { measured: a, reference: b };
}
