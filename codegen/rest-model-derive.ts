/**
 * Derives the REST model from the REST swagger and the SOAP snapshot (codegen/README.md, "REST
 * model"): which REST model stands for which SOAP entity (the swagger's generic definition names,
 * `QueryActionResult[CompanyModel,Account]`, never a guess from the names), the routes that reach
 * it and their methods, the parent of each child route and the field that holds the parent's id,
 * and the SOAP field -> REST field map. Whatever does not pair is kept and listed as a
 * disagreement, with the rule applied to every pair that is not a plain case change.
 */
import type { ApiVersion, RestFieldType, RestMethod } from 'atws/protocol';
import { RecordError } from './api-records.js';
import { CodegenError } from './codegen-error.js';
import { pairFields, sameKind, termRenames, type FieldPair, type FieldPairing } from './rest-field-pairing.js';
import { LISTED_PARENT_FIELDS, LISTED_RENAMES, LISTED_TERMS, type ListedRename } from './rest-listed-rules.js';
import {
  REST_MODEL_FORMAT,
  type ParentIdRule,
  type ParentRule,
  type RestDisagreement,
  type RestModelSnapshot,
  type RestOnlyModel,
  type SnapshotChildRoute,
  type SnapshotRestEntity,
  type SnapshotRestField,
} from './rest-model-snapshot.js';
import { entityRoutes, genericPairs, VERSION_SEGMENT, type EntityRoute } from './rest-routes.js';
import { definitionProperties, type SwaggerDocument } from './rest-swagger.js';
import type { EntitySnapshot, SnapshotEntity, SnapshotField } from './snapshot.js';

export interface DeriveRestModelInput {
  readonly swagger: SwaggerDocument;
  /** The swagger's file, for errors; the snapshot records its base name only. */
  readonly swaggerFile: string;
  /** The SOAP snapshot the model is derived from (1.6, the newest metadata). */
  readonly soap: EntitySnapshot;
  /**
   * Other SOAP snapshots the model must serve too (1.5): each of their entities and fields must be
   * in `soap`, so that the one model maps every generated class of every version.
   */
  readonly alsoCovers?: ReadonlyArray<{ readonly snapshot: EntitySnapshot; readonly label: string }>;
  /** Listed decisions; the defaults are rest-listed-rules.ts (tests give their own). */
  readonly listedRenames?: readonly ListedRename[];
}

const UDF_PROPERTY = 'userDefinedFields';
/**
 * A read-only property of child models, an `Expression[Func[<SOAP entity>,Int64]]` or an int64: the
 * REST server's handle on the SOAP parent property, named for SOAP, no field of the entity.
 */
const SOAP_PARENT_PROPERTY = 'soapParentPropertyId';
const MODEL_SUFFIX = 'Model';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;
const restName = (model: string): string => (model.endsWith(MODEL_SUFFIX) ? model.slice(0, -MODEL_SUFFIX.length) : model);
const routeText = (r: EntityRoute): string =>
  r.child === undefined ? `/${VERSION_SEGMENT}/${r.collection}` : `/${VERSION_SEGMENT}/${r.collection}/{parentId}/${r.child}`;

export function deriveRestModel(input: DeriveRestModelInput): RestModelSnapshot {
  try {
    return derive(input);
  } catch (error) {
    if (error instanceof RecordError) throw new CodegenError(input.swaggerFile, error.message, { cause: error });
    throw error;
  }
}

function derive(input: DeriveRestModelInput): RestModelSnapshot {
  const { swagger, soap } = input;
  const listedRenames = input.listedRenames ?? LISTED_RENAMES;
  const soapByName = new Map(soap.entities.map((e) => [e.name, e]));
  checkCoverage(soap, input.alsoCovers ?? []);
  // Per older version: entity -> its field names, and the fields the derived-from snapshot lacks.
  const olderVersions = (input.alsoCovers ?? []).map((c) => c.snapshot.apiVersion);
  const coveredFields = new Map(
    (input.alsoCovers ?? []).map((c) => [
      c.snapshot.apiVersion,
      new Map(c.snapshot.entities.map((e) => [e.name, new Set(e.fields.map((f) => f.name))])),
    ]),
  );
  const olderOnlyByEntity = new Map<string, Array<{ field: SnapshotField; version: ApiVersion }>>();
  for (const { snapshot } of input.alsoCovers ?? []) {
    for (const e of snapshot.entities) {
      const known = new Set(soapByName.get(e.name)?.fields.map((f) => f.name));
      for (const field of e.fields) {
        if (known.has(field.name) || olderOnlyByEntity.get(e.name)?.some((o) => o.field.name === field.name)) continue;
        olderOnlyByEntity.set(e.name, [...(olderOnlyByEntity.get(e.name) ?? []), { field, version: snapshot.apiVersion }]);
      }
    }
  }
  const olderOnly = (entity: string): ReadonlyArray<{ field: SnapshotField; version: ApiVersion }> => olderOnlyByEntity.get(entity) ?? [];
  const olderOnlyNames = (entity: string): ReadonlySet<string> => new Set(olderOnly(entity).map((o) => o.field.name));

  const table = entityRoutes(swagger);
  const generic = genericPairs(swagger);

  // REST model -> SOAP entity: the generic definitions first; a model they leave out pairs with
  // the SOAP entity of its own name when neither side is paired otherwise (create-only routes such
  // as /V1.0/ContractServiceAdjustments name their model in the body alone).
  const soapOfModel = new Map<string, { soap: string; pairedBy: string }>();
  const modelOfSoap = new Map<string, string>();
  for (const [model, pair] of generic) {
    if (soapByName.has(pair.soap)) {
      soapOfModel.set(model, { soap: pair.soap, pairedBy: pair.definition });
      modelOfSoap.set(pair.soap, model);
    }
  }
  const routeModels = [...new Set(table.routes.map((r) => r.model))].sort(byText);
  for (const model of routeModels) {
    const name = restName(model);
    if (generic.has(model) || !model.endsWith(MODEL_SUFFIX) || !soapByName.has(name) || modelOfSoap.has(name)) continue;
    soapOfModel.set(model, { soap: name, pairedBy: 'same name' });
    modelOfSoap.set(name, model);
  }

  const routesOfModel = new Map<string, EntityRoute[]>();
  for (const route of table.routes) routesOfModel.set(route.model, [...(routesOfModel.get(route.model) ?? []), route]);
  const modelOfCollection = new Map<string, string>();
  for (const route of table.routes) {
    if (route.child !== undefined) continue;
    const key = route.collection.toLowerCase();
    const known = modelOfCollection.get(key);
    if (known !== undefined && known !== route.model)
      throw new RecordError('$.paths', `collections ${route.collection} name two models: ${known} and ${route.model}`);
    modelOfCollection.set(key, route.model);
  }
  const collectionOfSoap = (entity: string): string | undefined => {
    const model = modelOfSoap.get(entity);
    return model === undefined ? undefined : routesOfModel.get(model)?.find((r) => r.child === undefined)?.collection;
  };

  // Terms come from every generic pair whose names differ, SOAP-paired or not (the knowledge-base
  // pairs confirm InstalledProduct -> ConfigurationItem as much as Ticket's do).
  const terms = [...termRenames([...generic].map(([model, pair]) => [pair.soap, restName(model)] as const)), ...LISTED_TERMS];

  const disagreements: RestDisagreement[] = [];
  const note = (d: RestDisagreement): void => {
    disagreements.push(d);
  };
  const entities: SnapshotRestEntity[] = [];
  const usedListedParents = new Set<string>();

  for (const entity of soap.entities) {
    const model = modelOfSoap.get(entity.name);
    if (model === undefined) {
      note({
        kind: 'entity-only-in-soap',
        entity: entity.name,
        detail: 'no REST model pairs with it: no generic definition names it and no model has its name',
      });
      continue;
    }
    const pairedBy = soapOfModel.get(model)?.pairedBy as string;
    if (restName(model) !== entity.name) note({ kind: 'entity-renamed', entity: entity.name, detail: `${entity.name} <-> ${model} (${pairedBy})` });

    const properties = definitionProperties(swagger, model);
    const restFields = new Map<string, RestFieldType>();
    let userDefinedFields = false;
    for (const [name, property] of properties) {
      if (name === SOAP_PARENT_PROPERTY) continue;
      if (name === UDF_PROPERTY && property.type === 'array') userDefinedFields = true;
      else restFields.set(name, property.type);
    }
    const entityListed = listedRenames.filter((r) => r.entity === entity.name);
    const pairing = pairFields({
      soapFields: entity.fields,
      restFields,
      restEntityName: restName(model),
      terms,
      listed: entityListed.filter((r) => !olderOnlyNames(entity.name).has(r.soap)),
    });
    // Fields only an older version's classes have (1.5's AEMDevice*, which 1.6 renamed RMMDevice*)
    // pair in a pass of their own, against every property no field of that version already answers.
    const fields: SnapshotRestField[] = pairing.pairs.map((p) => snapshotField(p));
    const soapOnly = [...pairing.soapOnly];
    const restAnswered = new Set(pairing.pairs.map((p) => p.rest));
    const report = (pairs: FieldPairing, model: string, only?: ApiVersion): void => {
      const suffix = only === undefined ? '' : ` (a field only ${only}'s ${entity.name} has)`;
      for (const pair of pairs.pairs) {
        if (pair.rule !== 'case')
          note({
            kind: 'field-renamed',
            entity: entity.name,
            field: pair.soap,
            detail: `${pair.soap} -> ${pair.rest} (${pair.rule}${pair.detail === undefined ? '' : `: ${pair.detail}`})${suffix}`,
          });
        const soapField = [...entity.fields, ...olderOnly(entity.name).map((o) => o.field)].find((f) => f.name === pair.soap);
        if (soapField !== undefined && !sameKind(soapField, pair.type))
          note({
            kind: 'field-type-differs',
            entity: entity.name,
            field: pair.soap,
            detail: `SOAP ${soapField.type}, REST ${pair.rest} ${pair.type}${suffix}`,
          });
      }
      for (const field of pairs.soapOnly)
        note({ kind: 'field-only-in-soap', entity: entity.name, field, detail: `no property of ${model} answers it${suffix}` });
      for (const unused of pairs.unusedListed)
        note({
          kind: 'listed-rule-unused',
          entity: entity.name,
          field: unused.rename.soap,
          detail: `${unused.rename.soap} -> ${unused.rename.rest}: ${unused.reason}`,
        });
    };
    report(pairing, model);
    for (const version of olderVersions) {
      const only = olderOnly(entity.name)
        .filter((o) => o.version === version)
        .map((o) => o.field);
      if (only.length === 0) continue;
      const inVersion = coveredFields.get(version)?.get(entity.name) ?? new Set<string>();
      const pool = new Map([...restFields].filter(([rest]) => !pairing.pairs.some((p) => p.rest === rest && inVersion.has(p.soap))));
      const older = pairFields({
        soapFields: only,
        restFields: pool,
        restEntityName: restName(model),
        terms,
        listed: entityListed.filter((r) => only.some((f) => f.name === r.soap)),
      });
      report(older, model, version);
      fields.push(...older.pairs.map((p) => snapshotField(p, version)));
      soapOnly.push(...older.soapOnly);
      for (const p of older.pairs) restAnswered.add(p.rest);
    }
    const restOnly = pairing.restOnly.filter((f) => !restAnswered.has(f.rest));
    for (const field of restOnly)
      note({ kind: 'field-only-in-rest', entity: entity.name, field: field.rest, detail: `${field.type}, no SOAP field answers it` });

    const routes = routesOfModel.get(model) ?? [];
    const collections = routes.filter((r) => r.child === undefined);
    if (collections.length > 1) throw new RecordError('$.paths', `${model} has two collections: ${collections.map(routeText).join(', ')}`);
    const collection = collections[0];
    const childRoutes = routes.filter((r) => r.child !== undefined).map((route) => childRoute(route, entity));

    if (entity.hasUserDefinedFields !== userDefinedFields)
      note({
        kind: 'udf-differs',
        entity: entity.name,
        detail: `SOAP hasUserDefinedFields ${entity.hasUserDefinedFields}, ${model} ${userDefinedFields ? 'carries' : 'lacks'} userDefinedFields`,
      });
    for (const d of capabilityDifferences(entity, routes)) note({ kind: 'capability-differs', entity: entity.name, detail: d });

    entities.push({
      entity: entity.name,
      model,
      pairedBy,
      ...(collection === undefined ? {} : { collection: { name: collection.collection, methods: collection.methods } }),
      childRoutes,
      userDefinedFields,
      fields,
      soapOnlyFields: soapOnly,
      restOnlyFields: restOnly,
    });
  }

  /** A child route's parent entity and the child's field that holds the parent's id, by the README's rules. */
  function childRoute(route: EntityRoute, child: SnapshotEntity): SnapshotChildRoute {
    const routeKey = `${route.collection}/${route.child as string}`;
    const unresolved = (detail: string): void =>
      note({ kind: 'child-parent-unresolved', entity: child.name, detail: `${routeText(route)}: ${detail}` });
    let parent: string | undefined;
    let parentRule: ParentRule | undefined;
    const parentModel = modelOfCollection.get(route.collection.toLowerCase());
    if (parentModel !== undefined) {
      parent = soapOfModel.get(parentModel)?.soap;
      parentRule = 'collection';
      if (parent === undefined) unresolved(`the parent collection ${route.collection} is ${parentModel}, which no SOAP entity pairs with`);
    } else {
      // No collection of that name (/V1.0/Expenses/{parentId}/Items): the parent is the one entity the
      // child refers to whose collection starts with the parent segment in the singular (ExpenseReports).
      const singular = route.collection.replace(/s$/, '').toLowerCase();
      const referenced = [...new Set(child.fields.flatMap((f) => (f.reference === undefined ? [] : [f.reference])))].sort(byText);
      const matches = referenced.filter((ref) => collectionOfSoap(ref)?.toLowerCase().startsWith(singular) === true);
      if (matches.length === 1) {
        parent = matches[0];
        parentRule = 'prefix';
      } else {
        unresolved(
          `${route.collection} is no collection, and ${matches.length === 0 ? 'no entity' : `${matches.length} entities (${matches.join(', ')})`} the child refers to has a collection starting with "${singular}"`,
        );
      }
    }
    let parentIdField: string | undefined;
    let parentIdRule: ParentIdRule | undefined;
    const listed = LISTED_PARENT_FIELDS.find((l) => l.entity === child.name && l.route.toLowerCase() === routeKey.toLowerCase());
    if (parent !== undefined) {
      const references = child.fields.filter((f) => f.reference === parent);
      const named = child.fields.find((f) => f.name.toLowerCase() === `${parent}ID`.toLowerCase());
      if (references.length === 1) {
        parentIdField = references[0]?.name;
        parentIdRule = 'reference';
      } else if (named !== undefined) {
        parentIdField = named.name;
        parentIdRule = 'name';
      } else if (listed !== undefined && child.fields.some((f) => f.name === listed.field)) {
        parentIdField = listed.field;
        parentIdRule = 'listed';
        usedListedParents.add(`${listed.entity} ${listed.route}`);
      } else {
        unresolved(
          `${references.length} fields of ${child.name} refer to ${parent} (${references.map((f) => f.name).join(', ') || 'none'}), none is named ${parent}ID, and none is listed`,
        );
      }
    }
    return {
      parentCollection: route.collection,
      name: route.child as string,
      ...(parent === undefined ? {} : { parent }),
      ...(parentRule === undefined || parent === undefined ? {} : { parentRule }),
      ...(parentIdField === undefined ? {} : { parentIdField }),
      ...(parentIdRule === undefined ? {} : { parentIdRule }),
      methods: route.methods,
    };
  }

  for (const listed of LISTED_PARENT_FIELDS) {
    if (!usedListedParents.has(`${listed.entity} ${listed.route}`))
      note({
        kind: 'listed-rule-unused',
        entity: listed.entity,
        field: listed.field,
        detail: `parent id field of ${listed.route}: another rule found it, or the route is not there`,
      });
  }
  for (const rename of listedRenames) {
    if (!soapByName.has(rename.entity) || !modelOfSoap.has(rename.entity))
      note({
        kind: 'listed-rule-unused',
        entity: rename.entity,
        field: rename.soap,
        detail: `${rename.soap} -> ${rename.rest}: the entity has no REST model here`,
      });
  }

  const restOnlyModels: RestOnlyModel[] = [];
  const unpaired = new Set([...routeModels, ...generic.keys()].filter((m) => !soapOfModel.has(m)));
  for (const model of [...unpaired].sort(byText)) {
    const routes = (routesOfModel.get(model) ?? []).map(routeText);
    const genericName = generic.get(model)?.soap;
    restOnlyModels.push({ model, ...(genericName === undefined ? {} : { genericName }), routes });
    note({
      kind: 'entity-only-in-rest',
      entity: model,
      detail: `${genericName === undefined ? 'no generic definition names a SOAP entity for it' : `the generic definitions name ${genericName}, which the SOAP snapshot lacks`}; routes: ${routes.join(', ') || 'none'}`,
    });
  }

  disagreements.sort(
    (a, b) => byText(a.kind, b.kind) || byText(a.entity, b.entity) || byText(a.field ?? '', b.field ?? '') || byText(a.detail, b.detail),
  );
  const renamedPairs = [...generic].filter(([model, pair]) => restName(model) !== pair.soap).length;
  return {
    format: REST_MODEL_FORMAT,
    restVersion: VERSION_SEGMENT.toLowerCase(),
    basePath: swagger.basePath,
    versionSegment: VERSION_SEGMENT,
    sources: {
      swagger: baseName(input.swaggerFile),
      soap: `${soap.apiVersion} (field metadata ${soap.metadataVersion})`,
      alsoCovers: (input.alsoCovers ?? []).map((c) => `${c.snapshot.apiVersion} (field metadata ${c.snapshot.metadataVersion})`).join(', '),
    },
    counts: {
      swaggerPaths: swagger.pathCount,
      swaggerDefinitions: swagger.definitions.size,
      genericPairs: generic.size,
      genericPairsRenamed: renamedPairs,
      soapEntities: soap.entities.length,
      pairedEntities: entities.length,
      childOnlyEntities: entities.filter((e) => e.collection === undefined).length,
      writtenOnlyThroughChild: entities.filter((e) => !writes(e.collection?.methods ?? []) && e.childRoutes.some((r) => writes(r.methods))).length,
    },
    entities,
    restOnlyModels,
    otherOperations: table.other,
    disagreements,
  };
}

const writes = (methods: readonly RestMethod[]): boolean => methods.some((m) => m === 'create' || m === 'patch' || m === 'put' || m === 'delete');

function snapshotField(p: FieldPair, onlyIn?: ApiVersion): SnapshotRestField {
  return {
    soap: p.soap,
    rest: p.rest,
    type: p.type,
    ...(p.rule === 'case' ? {} : { rule: p.rule }),
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    ...(onlyIn === undefined ? {} : { onlyIn: [onlyIn] }),
  };
}

/** Where what SOAP says an entity allows and what its REST routes answer differ. */
function capabilityDifferences(entity: SnapshotEntity, routes: readonly EntityRoute[]): string[] {
  const has = (...methods: RestMethod[]): boolean => routes.some((r) => methods.some((m) => r.methods.includes(m)));
  const checks: Array<[string, boolean, boolean, string]> = [
    ['create', entity.canCreate, has('create'), 'POST'],
    ['update', entity.canUpdate, has('patch', 'put'), 'PATCH or PUT'],
    ['delete', entity.canDelete, has('delete'), 'DELETE'],
    ['query', entity.canQuery, has('queryGet', 'queryPost', 'list', 'get'), 'query, list or GET by id'],
  ];
  return checks
    .filter(([, soapCan, restCan]) => soapCan !== restCan)
    .map(
      ([what, soapCan, , http]) =>
        `${what}: SOAP can${what[0]?.toUpperCase()}${what.slice(1)} ${soapCan}, REST ${soapCan ? 'has no' : 'has a'} ${http} route`,
    );
}

/** Every entity of the other versions must be in the snapshot the model is derived from (their own fields pair in a pass of their own). */
function checkCoverage(soap: EntitySnapshot, others: ReadonlyArray<{ readonly snapshot: EntitySnapshot; readonly label: string }>): void {
  const names = new Set(soap.entities.map((e) => e.name));
  for (const { snapshot, label } of others) {
    for (const entity of snapshot.entities) {
      if (!names.has(entity.name))
        throw new CodegenError(label, `entity ${entity.name} is not in the ${soap.apiVersion} snapshot the REST model is derived from`);
    }
  }
}
