/** What every emitter of `atws codegen generate` shares for one API version. */
import type { WsdlDocument } from 'atws/protocol/soap';
import type { FieldType } from 'atws/protocol';
import type { EntitySnapshot, SnapshotField } from './snapshot.js';

export interface GenContext {
  readonly snapshot: EntitySnapshot;
  readonly wsdl: WsdlDocument;
  /** The comment every generated file starts with. */
  readonly header: string;
  /** The runtime's package name; generated code imports `<it>/entity` and `<it>/protocol`. */
  readonly runtimeImport: string;
  /** Entity names of this version, for reference links. */
  readonly entityNames: ReadonlySet<string>;
}

/** The TypeScript type of a field's value in memory (see runtime/protocol/metadata.ts `FieldValue`). */
export function tsTypeOf(type: FieldType): string {
  switch (type) {
    case 'integer':
    case 'long':
    case 'short':
    case 'double':
    case 'float':
      return 'number';
    case 'decimal':
    case 'string':
      return 'string';
    case 'datetime':
      return 'Date';
    case 'boolean':
      return 'boolean';
  }
}

/** Text safe inside a TSDoc comment. */
export function docText(text: string): string {
  return text.replace(/\*\//g, '*\u2215').replace(/\r?\n/g, ' ');
}

/** The TSDoc of a field in the input and query types: one line, label, type and flags. */
export function fieldDocShort(field: SnapshotField, ctx: GenContext): string {
  const [label = '', type = '', flags = ''] = fieldDocSentences(field, ctx);
  return `${label.slice(0, -1)}: ${type.slice('Type: '.length)}${flags === '' ? '' : ` ${flags}`}`;
}

/** What the TSDoc of a field says, a sentence (or group of flags) each: label, type, length and flags. */
function fieldDocSentences(field: SnapshotField, ctx: GenContext): string[] {
  const lines: string[] = [`${docText(field.label)}.`];
  let type = `Type: ${field.type}`;
  if (field.type === 'decimal') type += ', kept as the exact decimal text (lossless round trip)';
  if (field.type === 'datetime') type += ' (US Eastern on the wire)';
  if (field.length > 0) type += `, max length ${field.length}`;
  lines.push(type + '.');
  const flags: string[] = [];
  if (field.required) flags.push('Required.');
  if (field.readOnly) flags.push('Read-only.');
  if (field.queryable) flags.push('Queryable.');
  if (field.picklist) {
    flags.push(field.picklistParent === undefined ? 'Picklist.' : `Picklist, child of \`${docText(field.picklistParent)}\`.`);
  }
  if (field.reference !== undefined) {
    flags.push(
      ctx.entityNames.has(field.reference)
        ? `Reference to {@link ${field.reference}}.`
        : `Reference to ${docText(field.reference)} (not an entity of this API version).`,
    );
  }
  if (flags.length > 0) lines.push(flags.join(' '));
  if (field.description !== undefined) lines.push(docText(field.description));
  if (field.defaultValue !== undefined) lines.push(`Default: \`${docText(field.defaultValue)}\`.`);
  if (field.source === 'wsdl-only') lines.push('Declared by the WSDL only; the API reports no type for it (codegen/README.md).');
  if (field.source === 'metadata-only') lines.push('Not declared by the WSDL; from the field metadata (codegen/README.md).');
  return lines;
}

/**
 * The TSDoc of a field in the entity class: its sentences on one line. Editors render a
 * TSDoc comment as Markdown, which joins its lines into one paragraph anyway, and every user's
 * type-check scans the declarations' comments: a line per sentence, with its ` * ` prefix, made the
 * entity declarations a fifth larger for the same hover.
 */
export function fieldDocLine(field: SnapshotField, ctx: GenContext): string {
  return fieldDocSentences(field, ctx).join(' ');
}
