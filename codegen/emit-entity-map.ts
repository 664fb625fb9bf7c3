/** Emits `entity-map.ts`: entity name -> class and its input/query types, and the classes by name. */
import type { GenContext } from './gen-context.js';
import { picklistLabelsTypeName, udfTypeName } from './emit-tenant-types.js';
import { picklistsTypeName, picklistsWithInactiveTypeName } from './emit-entity.js';

export function entityMapSource(ctx: GenContext): string {
  const names = ctx.snapshot.entities.map((e) => e.name);
  // What a live pull adds (see emit-tenant-types.ts): the tenant's UDFs and picklist labels; and each
  // entity's picklists interface (emit-entity.ts), which at.picklist() gives.
  const tenantTypes = new Map(
    ctx.snapshot.entities.map(
      (e) =>
        [
          e.name,
          {
            udfs: udfTypeName(e),
            picklistLabels: picklistLabelsTypeName(e),
            picklists: picklistsTypeName(e),
            picklistsWithInactive: picklistsWithInactiveTypeName(e),
          },
        ] as const,
    ),
  );
  // Decimals are held as text, yet Autotask compares them as numbers: the query operators need to know.
  const decimals = new Map(
    ctx.snapshot.entities.map((e) => [e.name, e.fields.filter((f) => f.queryable && f.type === 'decimal').map((f) => `'${f.name}'`)] as const),
  );
  const out: string[] = [ctx.header, `import type { TypedEntityClasses } from '${ctx.runtimeImport}/protocol';`];
  for (const n of names) {
    const extra = Object.values(tenantTypes.get(n) ?? {})
      .filter((t): t is string => t !== undefined)
      .map((t) => `, type ${t}`)
      .join('');
    out.push(`import { ${n}, type ${n}Create, type ${n}QueryFields, type ${n}Update${extra} } from './entities/${n}.js';`);
  }
  out.push(
    '',
    '/**',
    ' * Per entity name: the entity class, its create and update inputs, its queryable fields, and which',
    " * of those are decimals (text in TypeScript, numbers to the API's query operators).",
    ' *',
    ' * @example',
    ' * ```ts',
    " * type NewTicket = EntityMap['Ticket']['create'];",
    ' * ```',
    ' */',
    'export interface EntityMap {',
  );
  for (const n of names) {
    const decimal = decimals.get(n) ?? [];
    const tenant = tenantTypes.get(n);
    const extra = Object.entries(tenant ?? {})
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, type]) => `; ${key}: ${type}`)
      .join('');
    out.push(
      `  ${n}: { entity: ${n}; create: ${n}Create; update: ${n}Update; queryFields: ${n}QueryFields; decimalFields: ${decimal.length === 0 ? 'never' : decimal.join(' | ')}${extra} };`,
    );
  }
  out.push(
    '}',
    '',
    'const entityClassesByName = {',
    ...names.map((n) => `  ${n},`),
    '} as const;',
    '',
    '/**',
    ' * The entity classes by name. Their type also names `EntityMap` (a type only, no value), so that',
    " * `connect({ api })` with this module types the connection by this module's entities.",
    ' */',
    'export const entityClasses: typeof entityClassesByName & TypedEntityClasses<EntityMap> = entityClassesByName;',
    '',
    '/** An entity name of this API version. */',
    'export type EntityName = keyof EntityMap;',
    '',
  );
  return out.join('\n');
}
