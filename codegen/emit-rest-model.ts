/**
 * Emits the REST model's generated form, `generated/rest/index.ts` (`atws/rest-model`): the
 * snapshot's entities as a `RestModel` (runtime/protocol/rest/rest-model.ts), with the lower-cased
 * collection and child-route tables that make lookups one property access. The rules, details and
 * disagreements stay in the snapshot, for review; the declaration names the type rather than a
 * literal type, so that a program importing it loads one line of declarations.
 */
import type { RestEntity, RestModel } from 'atws/protocol';
import { REST_MODEL_FILE, REST_MODEL_FOLDER, type RestModelSnapshot, type SnapshotRestEntity } from './rest-model-snapshot.js';
import { RUNTIME_PACKAGE } from './generate.js';
import { propertyName, quote } from './ts-literal.js';

function restEntity(e: SnapshotRestEntity): RestEntity {
  return {
    entity: e.entity,
    model: e.model,
    ...(e.collection === undefined ? {} : { collection: { name: e.collection.name, methods: e.collection.methods } }),
    childRoutes: e.childRoutes.map((r) => ({
      parentCollection: r.parentCollection,
      name: r.name,
      ...(r.parent === undefined ? {} : { parent: r.parent }),
      ...(r.parentIdField === undefined ? {} : { parentIdField: r.parentIdField }),
      methods: r.methods,
    })),
    fields: Object.fromEntries(
      e.fields.map((f) => [f.soap, { rest: f.rest, type: f.type, ...(f.onlyIn === undefined ? {} : { onlyIn: f.onlyIn }) }]),
    ),
    soapOnlyFields: e.soapOnlyFields,
    restOnlyFields: Object.fromEntries(e.restOnlyFields.map((f) => [f.rest, f.type])),
    userDefinedFields: e.userDefinedFields,
  };
}

/** The `RestModel` of a snapshot (also what tests compare the generated module with). */
export function restModelOf(snapshot: RestModelSnapshot): RestModel {
  const collections: Record<string, string> = {};
  const childRoutes: Record<string, string> = {};
  for (const e of snapshot.entities) {
    if (e.collection !== undefined) collections[e.collection.name.toLowerCase()] = e.entity;
    for (const r of e.childRoutes) childRoutes[`${r.parentCollection}/${r.name}`.toLowerCase()] = e.entity;
  }
  const sorted = (table: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    restVersion: snapshot.restVersion,
    basePath: snapshot.basePath,
    versionSegment: snapshot.versionSegment,
    entities: Object.fromEntries(snapshot.entities.map((e) => [e.entity, restEntity(e)])),
    collections: sorted(collections),
    childRoutes: sorted(childRoutes),
  };
}

export function restModelSource(snapshot: RestModelSnapshot, options: { readonly header: string; readonly runtimeImport: string }): string {
  return [
    options.header,
    `import type { RestModel } from '${options.runtimeImport}/protocol';`,
    '',
    '/**',
    ` * The REST API ${snapshot.restVersion} as the SOAP entities see it (SOAP ${snapshot.sources.soap}${snapshot.sources.alsoCovers === '' ? '' : `; covers ${snapshot.sources.alsoCovers}`}):`,
    ' * per SOAP entity its collection, child routes, methods and field names. Rules and disagreements:',
    ` * the snapshot ${REST_MODEL_FOLDER}/${REST_MODEL_FILE}, beside the SOAP snapshots.`,
    ' *',
    ' * @example',
    ' * ```ts',
    " * restModel.entities.Account?.collection?.name; // 'Companies'",
    ' * ```',
    ' */',
    `export const restModel: RestModel = ${compactLiteral(restModelOf(snapshot), '')};`,
    '',
  ].join('\n');
}

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';
const isFlat = (v: unknown): boolean => isPlain(v) || (Array.isArray(v) && v.every(isPlain));
/** A record of more entries than this (the lookup tables) gets one line per entry. */
const FLAT_ENTRIES = 8;

/**
 * The model as TypeScript, one line per record: a record of a few plain values and lists of them
 * (a field, a method list, a route) stays on one line whatever its length, so that the module is
 * one line per field rather than five; the lookup tables get one line per entry.
 */
function compactLiteral(value: unknown, indent: string): string {
  if (typeof value === 'string') return quote(value);
  if (isPlain(value)) return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every(isPlain)) return `[${value.map((v) => compactLiteral(v, inner)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${compactLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => `${propertyName(k)}: ${compactLiteral(v, inner)}`);
  if (entries.length <= FLAT_ENTRIES && entries.every(([, v]) => isFlat(v))) return `{ ${items.join(', ')} }`;
  return `{\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}}`;
}

/** The files of `generated/rest/`. */
export function emitRestModelFiles(snapshot: RestModelSnapshot, runtimeImport = RUNTIME_PACKAGE): ReadonlyMap<string, string> {
  const header = [
    `// Generated by \`atws codegen all\` (npm run codegen) from ${REST_MODEL_FOLDER}/${REST_MODEL_FILE}`,
    `// (REST ${snapshot.sources.swagger}, SOAP ${snapshot.sources.soap}). Do not edit: regenerate.`,
  ].join('\n');
  return new Map([['index.ts', restModelSource(snapshot, { header, runtimeImport })]]);
}
