/**
 * Prints JSON-like data as TypeScript source: single-quoted strings, unquoted keys where they
 * are identifiers, short objects on one line. Deterministic: same data, same text.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A string literal in single quotes. */
export function quote(text: string): string {
  let out = "'";
  for (const ch of text) {
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u2028' || ch === '\u2029') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + "'";
}

/** A property name: bare when it is an identifier, quoted otherwise. */
export function propertyName(name: string): string {
  return isIdentifier(name) ? name : quote(name);
}

const LINE_WIDTH = 120;

export function tsLiteral(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`cannot print ${value} as a literal`);
      return String(value);
    case 'boolean':
      return String(value);
    case 'object':
      break;
    default:
      throw new Error(`cannot print a ${typeof value} as a literal`);
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => tsLiteral(v, inner));
    const flat = `[${items.join(', ')}]`;
    if (!flat.includes('\n') && indent.length + flat.length <= LINE_WIDTH) return flat;
    return `[\n${items.map((i) => inner + i + ',').join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => `${propertyName(k)}: ${tsLiteral(v, inner)}`);
  const flat = `{ ${items.join(', ')} }`;
  if (!flat.includes('\n') && indent.length + flat.length <= LINE_WIDTH) return flat;
  return `{\n${items.map((i) => inner + i + ',').join('\n')}\n${indent}}`;
}
