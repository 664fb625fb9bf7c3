/** What every operation handler gets, and how it refuses a request with a SOAP Fault. */
import type { EntityMeta } from 'atws/protocol';
import type { XmlElement } from 'atws/protocol/soap';
import type { ApiVersionSpec } from './api-versions.js';
import type { Tenant } from '../tenant/tenant.js';
import type { StoredEntity } from '../tenant/store.js';
import { foldCase } from '../tenant/text-match.js';
import { writeEntityXml } from 'atws/protocol/soap';
import { answerShape } from './answer-shape.js';

export interface OperationContext {
  readonly tenant: Tenant;
  readonly api: ApiVersionSpec;
  /** The operation's request element (`<query>`, `<create>`, ...). */
  readonly request: XmlElement;
  /** This server's asmx URL for the version, as the client reached it. */
  readonly asmxUrl: string;
  /** This server's base URL, as the client reached it. */
  readonly baseUrl: string;
  /** The resource the request acts as: the API user's, or the one `ImpersonateAsResourceID` names. */
  readonly actingResourceId: number;
}

/** Returns the content of the operation's result element (already XML). */
export type OperationHandler = (ctx: OperationContext) => string;

/** A request the server refuses with a SOAP Fault (HTTP 500, as ASP.NET answers faults). */
export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    readonly code: 'soap:Client' | 'soap:Server',
    message: string,
  ) {
    super(message);
  }
}

/** The entity type of this API version by name (case-insensitive, as the API accepts it). */
export function findEntity(ctx: OperationContext, name: string): EntityMeta | undefined {
  const entities = ctx.api.metadata.entities;
  // Own entries only: `constructor` or `__proto__` is no entity type, whatever Object.prototype holds.
  if (Object.hasOwn(entities, name)) return entities[name];
  return Object.values(entities).find((e) => foldCase(e.name) === foldCase(name));
}

/** A stored record as `<Entity xsi:type="...">`, shaped as the API answers it (see answer-shape.ts). */
export function entityXml(ctx: OperationContext, meta: EntityMeta, record: StoredEntity): string {
  return writeEntityXml(meta, answerShape(meta, fieldsOf(meta, record.values), ctx.tenant.udfsOf(meta.name), record));
}

/** The record's values this version knows (the store keeps 1.6's fields; 1.5 may lack some). */
function fieldsOf(meta: EntityMeta, values: StoredEntity['values']): StoredEntity['values'] {
  for (const name in values) {
    if (meta.fields[name] === undefined) {
      const known: StoredEntity['values'] = {};
      for (const key in values) if (meta.fields[key] !== undefined) known[key] = values[key] as StoredEntity['values'][string];
      return known;
    }
  }
  return values;
}
