/** Emits `entity-map.ts`: entity name -> class and its input/query types, and the classes by name. */
import type { GenContext } from './gen-context.js';

export function entityMapSource(ctx: GenContext): string {
  const names = ctx.snapshot.entities.map((e) => e.name);
  const out: string[] = [ctx.header];
  for (const n of names) {
    out.push(`import { ${n}, type ${n}Create, type ${n}QueryFields, type ${n}Update } from './entities/${n}.js';`);
  }
  out.push(
    '',
    '/**',
    ' * Per entity name: the entity class, its create and update inputs, and its queryable fields.',
    ' *',
    ' * @example',
    ' * ```ts',
    " * type NewTicket = EntityMap['Ticket']['create'];",
    ' * ```',
    ' */',
    'export interface EntityMap {',
  );
  for (const n of names) {
    out.push(`  ${n}: { entity: ${n}; create: ${n}Create; update: ${n}Update; queryFields: ${n}QueryFields };`);
  }
  out.push(
    '}',
    '',
    '/** The entity classes by name. */',
    'export const entityClasses = {',
    ...names.map((n) => `  ${n},`),
    '} as const;',
    '',
    '/** An entity name of this API version. */',
    'export type EntityName = keyof EntityMap;',
    '',
  );
  return out.join('\n');
}
