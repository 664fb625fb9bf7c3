/**
 * The two API versions the simulator serves, each from its generated metadata, operation table
 * and WSDL structure. One tenant serves both: the store keeps 1.6's shape (the larger one), and
 * each version reads and writes entities through its own metadata.
 */
import { API_VERSION_LIST, type ApiMetadata, type ApiVersion } from 'atws/protocol';
import { type OperationDescriptor } from 'atws/protocol/soap';
import { loadServedApi, type ServedApi } from 'atws/generated-apis';
import { metadata as metadata161 } from 'atws/revisions/v1_6_1/metadata';
import { wsdlDocument as wsdl161 } from 'atws/revisions/v1_6_1/wsdl-document';
import { writeWsdl } from 'atws/protocol/soap';

export interface ApiVersionSpec {
  readonly version: ApiVersion;
  readonly metadata: ApiMetadata;
  /** Operations by request element name. */
  readonly operations: ReadonlyMap<string, OperationDescriptor>;
  /** The WSDL with `soap:address` set to `address` (cached per address). */
  wsdl(address: string): string;
}

function spec(version: ApiVersion, module: ServedApi): ApiVersionSpec {
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

/**
 * Other revisions of API 1.6 that `--revision` serves (from wsdl/<revision>/, made by `npm run
 * codegen`): the 1.6 endpoint then has the revision's entities, fields and WSDL, as a tenant on an
 * older release has, while the client's generated classes stay those of the newest metadata (1.6.8).
 */
export const REVISIONS: ReadonlyMap<string, Omit<ServedApi, 'operations'>> = new Map([['1.6.1', { metadata: metadata161, wsdlDocument: wsdl161 }]]);

/**
 * The versions served (every one of the protocol's list), and the store's schema: the newest
 * version's metadata, or with `revision` that revision's, which then also replaces 1.6's endpoint.
 */
export async function servedApis(
  revision: string | undefined,
): Promise<{ versions: ReadonlyMap<ApiVersion, ApiVersionSpec>; storeSchema: ApiMetadata }> {
  const revised = revision === undefined ? undefined : REVISIONS.get(revision);
  if (revision !== undefined && revised === undefined) {
    throw new RangeError(`Simulator option revision must be one of ${[...REVISIONS.keys()].join(', ')}, got ${revision}`);
  }
  const versions = new Map<ApiVersion, ApiVersionSpec>();
  for (const version of API_VERSION_LIST) {
    const api = await loadServedApi(version);
    // A revision has the operations of its version; its metadata and WSDL replace the newest ones.
    versions.set(version, spec(version, version === '1.6' && revised !== undefined ? { ...revised, operations: api.operations } : api));
  }
  const newest = versions.get(API_VERSION_LIST[API_VERSION_LIST.length - 1] as ApiVersion) as ApiVersionSpec;
  return { versions, storeSchema: newest.metadata };
}
