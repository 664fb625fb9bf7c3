/**
 * What a SOAP operation is: it reads its request element into a call (the XML side), and the call
 * runs against the tenant service and writes the content of the result element (the XML side
 * again). Reading comes first, so that the router knows the entity a call names (the object
 * endpoint of the thread limit) from the parsed call before it runs.
 */
import type { EntityMeta } from 'atws/protocol';
import { writeEntityXml, type XmlElement } from 'atws/protocol/soap';
import type { Caller } from '../tenant/authentication.js';
import type { StoredEntity } from '../tenant/store.js';
import type { Tenant } from '../tenant/tenant.js';
import type { ApiVersionSpec } from './api-versions.js';
import { answerShape } from './answer-shape.js';
import type { FaultCode } from './soap-answer.js';

export interface OperationContext {
  readonly tenant: Tenant;
  readonly api: ApiVersionSpec;
  /** The authenticated caller; undefined for the anonymous getZoneInfo. */
  readonly caller: Caller | undefined;
  /** This server's asmx URL for the version, as the client reached it. */
  readonly asmxUrl: string;
  /** This server's base URL, as the client reached it. */
  readonly baseUrl: string;
}

/** A call read from its request element, ready to run. */
export interface ReadCall {
  /** The entity type the call names, when it names one (query, create, GetFieldInfo, ...). */
  readonly entity?: string | undefined;
  /** Runs it: the content of the operation's result element (already XML). */
  run(): string;
}

export interface SoapOperation {
  /** Reads the request element; throws a {@link SoapFault} for a request it cannot read. */
  read(request: XmlElement, ctx: OperationContext): ReadCall;
}

/** A request the server refuses with a SOAP Fault (HTTP 500, as ASP.NET answers faults). */
export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    readonly code: FaultCode,
    message: string,
  ) {
    super(message);
  }
}

/** The caller of an operation that is never anonymous (the router authenticated it). */
export function callerOf(ctx: OperationContext): Caller {
  if (ctx.caller === undefined) throw new SoapFault('soap:Server', 'The operation has no authenticated caller.');
  return ctx.caller;
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
