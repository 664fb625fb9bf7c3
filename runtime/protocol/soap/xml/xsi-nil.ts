/**
 * Whether an element's attributes mark it `xsi:nil` (any prefix, and "true" or "1": both are the
 * XML Schema boolean true). ATWS leaves null fields out of its answers; other servers, and clients
 * writing to the simulator, send them nil. One check, for the client's decoder and the simulator.
 */
export function isXsiNil(attributes: Readonly<Record<string, string>>): boolean {
  for (const name in attributes) {
    if (name !== 'nil' && !name.endsWith(':nil')) continue;
    const value = attributes[name]?.trim();
    if (value === 'true' || value === '1') return true;
  }
  return false;
}
