/**
 * Whether an element's attributes mark it `xsi:nil` (any prefix, and "true" or "1": both are the
 * XML Schema boolean true). ATWS leaves null fields out of its answers; other servers, and clients
 * writing to the simulator, send them nil. One check, for the client's decoder and the simulator.
 */
export function isXsiNil(attributes: Readonly<Record<string, string>>): boolean {
  for (const name in attributes) if (marksNil(name, attributes[name] as string)) return true;
  return false;
}

/** Whether one attribute marks its element nil: the rule of `isXsiNil`, for a parser's own attribute list. */
export function marksNil(name: string, value: string): boolean {
  if (name !== 'nil' && !name.endsWith(':nil')) return false;
  const v = value.trim();
  return v === 'true' || v === '1';
}
