/**
 * Emits `metadata.ts`: the version's `ApiMetadata`, `as const`, fields in wire order, under a declared
 * type that keeps as literals only what types are built from (see `metadataType`).
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

/**
 * The declared type of the metadata: what type-level code reads from it as literal types (each
 * entity's name, what the API allows, whether it has UDFs, and the names of its fields), and each
 * field's own metadata as the general `FieldMeta`. Every user's type-check parses and checks these
 * declarations: typing every field's label, type and flags as literals made them six times the size
 * and cost a fifth of what importing a version costs, for values no type depends on (the entity
 * classes and their inputs carry each field's type, required and read-only flags already).
 */
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
    const flags = (['canCreate', 'canUpdate', 'canDelete', 'canQuery', 'hasUserDefinedFields'] as const).map((flag) => String(entity[flag]));
    const fields = entity.fields.map((field) => quote(field.name)).join(' | ') || 'never';
    out.push(`    readonly ${propertyName(entity.name)}: Entity<${[quote(entity.name), ...flags, fields].join(', ')}>;`);
  }
  out.push('  };', '}');
  return out;
}

export function metadataSource(ctx: GenContext): string {
  const s = ctx.snapshot;
  const out: string[] = [
    ctx.header,
    `import type { ApiMetadata, EntityMeta, FieldMeta } from '${ctx.runtimeImport}/protocol';`,
    '',
    '/** The metadata of one entity: its name and what the API allows as literal types, its fields by name. */',
    'interface Entity<N extends string, C extends boolean, U extends boolean, D extends boolean, Q extends boolean, X extends boolean, F extends string> extends EntityMeta {',
    '  readonly name: N;',
    '  readonly canCreate: C;',
    '  readonly canUpdate: U;',
    '  readonly canDelete: D;',
    '  readonly canQuery: Q;',
    '  readonly hasUserDefinedFields: X;',
    '  readonly fields: { readonly [K in F]: FieldMeta };',
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
