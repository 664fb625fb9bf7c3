/** Emits `metadata.ts`: the version's `ApiMetadata`, `as const`, fields in wire order. */
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

export function metadataSource(ctx: GenContext): string {
  const s = ctx.snapshot;
  const out: string[] = [
    ctx.header,
    `import type { ApiMetadata } from '${ctx.runtimeImport}/protocol';`,
    '',
    `/**`,
    ` * Entities and fields of ATWS ${s.apiVersion} (field metadata ${s.metadataVersion}), fields in wire order.`,
    ` *`,
    ` * @example`,
    ` * \`\`\`ts`,
    ` * metadata.entities.${s.entities.find((e) => e.name === 'Ticket')?.name ?? s.entities[0]?.name ?? 'Ticket'}.fields.id.type;`,
    ` * \`\`\``,
    ` */`,
    'export const metadata = {',
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
