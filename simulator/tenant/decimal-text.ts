/**
 * A number as decimal text without an exponent: how the tenant keeps a decimal field (as exact
 * text, never a binary float's approximation of it) when it is given a number.
 *
 * @example decimalText(2.5) // "2.5"; decimalText(1e21) // "1000000000000000000000"
 */
export function decimalText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`A decimal must be finite, got ${n}`);
  if (Object.is(n, -0)) return '-0';
  const shortest = String(n);
  if (!/e/i.test(shortest)) return shortest;
  // Large or tiny numbers: the digits of the shortest form, the point moved by its exponent.
  const [mantissa = '', exponentText = '0'] = shortest.split(/e/i);
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}
