/**
 * Emits `metadata.ts`: the version's `ApiMetadata`, `as const`, fields in wire order, under a declared
 * literal type in which a field is one instance of a generic interface rather than a type literal of
 * its own: the emitted declarations, which every user's type-check parses and checks, are then a
 * third of the size (the literal types of every field stay as they were).
 */
import type { FieldMeta } from 'atws/protocol';
import type { GenContext } from './gen-context.js';
import type { SnapshotField } from './snapshot.js';
import { propertyName, quote, tsLiteral } from './ts-literal.js';

/** The `FieldMeta` of a snapshot field (the snapshot's provenance and picklist values stay out). */
export function fieldMeta(field: SnapshotField): FieldMeta {
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    length: field.length,
    required: field.required,
    readOnly: field.readOnly,
    queryable: field.queryable,
    picklist: field.picklist,
    ...(field.reference === undefined ? {} : { reference: field.reference }),
    ...(field.picklistParent === undefined ? {} : { picklistParent: field.picklistParent }),
    ...(field.defaultValue === undefined ? {} : { defaultValue: field.defaultValue }),
    ...(field.description === undefined ? {} : { description: field.description }),
  };
}

const FIELD_KEYS = ['name', 'label', 'type', 'length', 'required', 'readOnly', 'queryable', 'picklist'] as const;

/** The declared type of a field's metadata: `Field<…>`, `FieldRef<…>`, or a type literal for the rare others. */
function fieldMetaType(field: SnapshotField): string {
  const meta = fieldMeta(field);
  const extra = Object.keys(meta).filter((k) => !(FIELD_KEYS as readonly string[]).includes(k));
  const args = FIELD_KEYS.map((k) => tsLiteral(meta[k], ''));
  if (extra.length === 0) return `Field<${args.join(', ')}>`;
  if (extra.length === 1 && meta.reference !== undefined) return `FieldRef<${[...args, quote(meta.reference)].join(', ')}>`;
  return `{ ${Object.entries(meta)
    .map(([k, v]) => `readonly ${propertyName(k)}: ${tsLiteral(v as string | number | boolean, '')}`)
    .join('; ')} }`;
}

/** The declared literal type of the metadata (see the file comment). */
function metadataType(ctx: GenContext): string[] {
  const s = ctx.snapshot;
  const out = [
    '{',
    `  readonly apiVersion: ${quote(s.apiVersion)};`,
    `  readonly metadataVersion: ${quote(s.metadataVersion)};`,
    `  readonly namespace: ${quote(s.namespace)};`,
    '  readonly entities: {',
  ];
  for (const entity of s.entities) {
    out.push(`    readonly ${propertyName(entity.name)}: {`);
    out.push(`      readonly name: ${quote(entity.name)};`);
    for (const flag of ['canCreate', 'canUpdate', 'canDelete', 'canQuery', 'hasUserDefinedFields'] as const)
      out.push(`      readonly ${flag}: ${entity[flag]};`);
    out.push('      readonly fields: {');
    for (const field of entity.fields) out.push(`        readonly ${propertyName(field.name)}: ${fieldMetaType(field)};`);
    out.push('      };', '    };');
  }
  out.push('  };', '}');
  return out;
}

export function metadataSource(ctx: GenContext): string {
  const s = ctx.snapshot;
  const out: string[] = [
    ctx.header,
    `import type { ApiMetadata, FieldType } from '${ctx.runtimeImport}/protocol';`,
    '',
    '/** The metadata of one field, its values as literal types. */',
    'interface Field<N extends string, L extends string, T extends FieldType, Len extends number, Req extends boolean, RO extends boolean, Q extends boolean, P extends boolean> {',
    '  readonly name: N;',
    '  readonly label: L;',
    '  readonly type: T;',
    '  readonly length: Len;',
    '  readonly required: Req;',
    '  readonly readOnly: RO;',
    '  readonly queryable: Q;',
    '  readonly picklist: P;',
    '}',
    '',
    '/** The metadata of a field that refers to another entity. */',
    'interface FieldRef<N extends string, L extends string, T extends FieldType, Len extends number, Req extends boolean, RO extends boolean, Q extends boolean, P extends boolean, R extends string>',
    '  extends Field<N, L, T, Len, Req, RO, Q, P> {',
    '  readonly reference: R;',
    '}',
    '',
    `type Metadata = ${metadataType(ctx).join('\n')};`,
    '',
    `/**`,
    ` * Entities and fields of ATWS ${s.apiVersion} (field metadata ${s.metadataVersion}), fields in wire order.`,
    ` *`,
    ` * @example`,
    ` * \`\`\`ts`,
    ` * metadata.entities.${s.entities.find((e) => e.name === 'Ticket')?.name ?? s.entities[0]?.name ?? 'Ticket'}.fields.id.type;`,
    ` * \`\`\``,
    ` */`,
    'export const metadata: Metadata = {',
    `  apiVersion: ${quote(s.apiVersion)},`,
    `  metadataVersion: ${quote(s.metadataVersion)},`,
    `  namespace: ${quote(s.namespace)},`,
    '  entities: {',
  ];
  for (const entity of s.entities) {
    out.push(`    ${propertyName(entity.name)}: {`);
    out.push(`      name: ${quote(entity.name)},`);
    out.push(`      canCreate: ${entity.canCreate},`);
    out.push(`      canUpdate: ${entity.canUpdate},`);
    out.push(`      canDelete: ${entity.canDelete},`);
    out.push(`      canQuery: ${entity.canQuery},`);
    out.push(`      hasUserDefinedFields: ${entity.hasUserDefinedFields},`);
    out.push('      fields: {');
    for (const field of entity.fields) {
      out.push(`        ${propertyName(field.name)}: ${tsLiteral(fieldMeta(field), '        ')},`);
    }
    out.push('      },');
    out.push('    },');
  }
  out.push('  },', '} as const satisfies ApiMetadata;', '');
  return out.join('\n');
}
