/**
 * Where a SOAP-named entity lives on REST, from the derived REST model (`atws/rest-model`): its
 * collection, the child route a write goes through when its collection does not take it (TicketNote
 * through `Tickets/{parentId}/Notes`, the parent id read from the entity), and the REST name of each
 * field. What REST does not have is a UsageError naming it, before any request.
 */
import { UsageError } from '../../protocol/errors.js';
import {
  soapFieldOf,
  type RestChildRoute,
  type RestEntity,
  type RestField,
  type RestMethod,
  type RestModel,
} from '../../protocol/rest/rest-model.js';
import type { ApiVersion, FieldValue } from '../../protocol/metadata.js';

/** A route a write or read goes to: its path under `V1.0/` (no trailing slash). */
export interface ResolvedRoute {
  readonly path: string;
}

export class RestRoutes {
  readonly #model: RestModel;
  readonly #apiVersion: ApiVersion;
  readonly #byRest = new Map<string, ReadonlyMap<string, string>>();

  constructor(model: RestModel, apiVersion: ApiVersion) {
    this.#model = model;
    this.#apiVersion = apiVersion;
  }

  /** The REST side of an entity; UsageError when REST has none. */
  entity(name: string, action: string): RestEntity {
    const entity = Object.hasOwn(this.#model.entities, name) ? this.#model.entities[name] : undefined;
    if (entity === undefined)
      throw new UsageError(`${action}: ${name} has no counterpart in the REST API (${this.#model.restVersion}); it can only be used over SOAP`);
    return entity;
  }

  /** The REST name of a field; UsageError for a SOAP field REST does not have. */
  field(entity: RestEntity, soapField: string, action: string): RestField {
    const field = Object.hasOwn(entity.fields, soapField) ? entity.fields[soapField] : undefined;
    if (field === undefined) {
      throw new UsageError(
        `${action}: ${entity.entity}.${soapField} has no counterpart in the REST API's ${entity.model}; it can only be used over SOAP`,
      );
    }
    return field;
  }

  /** REST field name -> SOAP field name of an entity, for the classes of the connection's version. */
  soapNames(entity: RestEntity): ReadonlyMap<string, string> {
    let names = this.#byRest.get(entity.entity);
    if (names === undefined) {
      const built = new Map<string, string>();
      for (const field of Object.values(entity.fields)) {
        const soap = soapFieldOf(entity, field.rest, this.#apiVersion);
        if (soap !== undefined) built.set(field.rest, soap);
      }
      names = built;
      this.#byRest.set(entity.entity, names);
    }
    return names;
  }

  /** The collection that answers `method` (`queryGet`, `entityInformationFields`, ...); UsageError when none. */
  collection(entity: RestEntity, method: RestMethod, action: string): string {
    const collection = entity.collection;
    if (collection !== undefined && collection.methods.includes(method)) return collection.name;
    // Field information is also served under a child route; any parent id works for it, as the route is the entity's.
    throw new UsageError(
      `${action}: the REST API offers no ${describe(method)} for ${entity.entity}${collection === undefined ? ' (it has no collection of its own)' : ` on ${collection.name}`}`,
    );
  }

  /**
   * The route a write of `method` (create, patch, delete) goes to: the entity's collection when it
   * takes the method, else a child route taking it whose parent id the entity holds.
   */
  writeRoute(
    entity: RestEntity,
    method: 'create' | 'patch' | 'delete',
    values: { readonly [field: string]: FieldValue | null | undefined },
    action: string,
  ): ResolvedRoute {
    if (entity.collection?.methods.includes(method) === true) return { path: entity.collection.name };
    const routes = entity.childRoutes.filter((r) => r.methods.includes(method));
    if (routes.length === 0)
      throw new UsageError(`${action}: the REST API cannot ${verb(method)} ${entity.entity} (no route of it takes ${describe(method)})`);
    for (const route of routes) {
      const parentId = route.parentIdField === undefined ? undefined : values[route.parentIdField];
      if (typeof parentId === 'number' && Number.isSafeInteger(parentId)) return { path: `${route.parentCollection}/${parentId}/${route.name}` };
    }
    throw new UsageError(
      `${action}: over REST ${entity.entity} is ${verb(method) === 'delete' ? 'deleted' : `${verb(method)}d`} through its parent (${routes.map(routeText).join(' or ')}); the ${entity.entity} must hold ${parentFields(routes)}`,
    );
  }
}

function routeText(route: RestChildRoute): string {
  return `${route.parentCollection}/{${route.parentIdField ?? 'parentId'}}/${route.name}`;
}

function parentFields(routes: readonly RestChildRoute[]): string {
  const names = [...new Set(routes.map((r) => r.parentIdField).filter((n): n is string => n !== undefined))];
  return names.length === 0 ? 'its parent id (no field of it is known to hold it)' : names.join(' or ');
}

function verb(method: 'create' | 'patch' | 'delete'): string {
  return method === 'patch' ? 'update' : method;
}

function describe(method: RestMethod): string {
  switch (method) {
    case 'queryGet':
    case 'queryPost':
      return 'query';
    case 'entityInformationFields':
      return 'field information';
    case 'entityInformationUdfs':
      return 'user-defined field information';
    case 'patch':
      return 'PATCH';
    case 'create':
      return 'POST';
    case 'delete':
      return 'DELETE';
    default:
      return method;
  }
}
