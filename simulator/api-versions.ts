/**
 * The two API versions the simulator serves, each from its generated metadata, operation table
 * and WSDL structure. One tenant serves both: the store keeps 1.6's shape (the larger one), and
 * each version reads and writes entities through its own metadata.
 */
import type { ApiMetadata, ApiVersion, OperationDescriptor } from 'atws/protocol';
import { metadata as metadata15 } from 'atws/v1_5/metadata';
import { operations as operations15 } from 'atws/v1_5/operations';
import { wsdlDocument as wsdl15 } from 'atws/v1_5/wsdl-document';
import { metadata as metadata16 } from 'atws/v1_6/metadata';
import { operations as operations16 } from 'atws/v1_6/operations';
import { wsdlDocument as wsdl16 } from 'atws/v1_6/wsdl-document';
import { metadata as metadata161 } from 'atws/revisions/v1_6_1/metadata';
import { wsdlDocument as wsdl161 } from 'atws/revisions/v1_6_1/wsdl-document';
import { writeWsdl, type WsdlDocument } from 'atws/protocol';

export interface ApiVersionSpec {
  readonly version: ApiVersion;
  readonly metadata: ApiMetadata;
  /** Operations by request element name. */
  readonly operations: ReadonlyMap<string, OperationDescriptor>;
  /** The WSDL with `soap:address` set to `address` (cached per address). */
  wsdl(address: string): string;
}

interface GeneratedApi {
  readonly metadata: ApiMetadata;
  readonly operations: Readonly<Record<string, OperationDescriptor>>;
  readonly wsdlDocument: WsdlDocument;
}

function spec(version: ApiVersion, module: GeneratedApi): ApiVersionSpec {
  const operations = new Map<string, OperationDescriptor>();
  for (const op of Object.values(module.operations)) operations.set(op.requestElement, op);
  const wsdlCache = new Map<string, string>();
  return {
    version,
    metadata: module.metadata,
    operations,
    wsdl(address) {
      let text = wsdlCache.get(address);
      if (text === undefined) {
        text = writeWsdl(module.wsdlDocument, { address });
        if (wsdlCache.size > 16) wsdlCache.clear();
        wsdlCache.set(address, text);
      }
      return text;
    },
  };
}

export const API_VERSIONS: ReadonlyMap<ApiVersion, ApiVersionSpec> = new Map([
  ['1.5', spec('1.5', { metadata: metadata15, operations: operations15, wsdlDocument: wsdl15 })],
  ['1.6', spec('1.6', { metadata: metadata16, operations: operations16, wsdlDocument: wsdl16 })],
]);

/** The metadata the store keeps its records in. */
export const STORE_SCHEMA: ApiMetadata = metadata16;

/**
 * Other revisions of API 1.6 that `--revision` serves (from wsdl/<revision>/, made by `npm run
 * codegen`): the 1.6 endpoint then has the revision's entities, fields and WSDL, as a tenant on an
 * older release has, while the client's generated classes stay those of the newest metadata (1.6.8).
 */
export const REVISIONS: ReadonlyMap<string, GeneratedApi> = new Map([['1.6.1', { metadata: metadata161, operations: operations16, wsdlDocument: wsdl161 }]]);

/** The versions served, and the store's schema, with a revision of 1.6 or without. */
export function servedApis(revision: string | undefined): { versions: ReadonlyMap<ApiVersion, ApiVersionSpec>; storeSchema: ApiMetadata } {
  if (revision === undefined) return { versions: API_VERSIONS, storeSchema: STORE_SCHEMA };
  const api = REVISIONS.get(revision);
  if (api === undefined) throw new RangeError(`Simulator option revision must be one of ${[...REVISIONS.keys()].join(', ')}, got ${revision}`);
  return {
    versions: new Map([
      ['1.5', API_VERSIONS.get('1.5') as ApiVersionSpec],
      ['1.6', spec('1.6', api)],
    ]),
    storeSchema: api.metadata,
  };
}
