/**
 * The API versions at run time, declared once (their type is `ApiVersion`, metadata.ts): the code
 * generator tells a WSDL's version by its namespace, finds snapshots by version folder, the client
 * and the simulator write and read each version's namespace from here.
 */
import type { ApiVersion } from './metadata.js';

/** Every API version atws speaks, oldest first. */
export const API_VERSION_LIST = ['1.5', '1.6'] as const satisfies readonly ApiVersion[];

/** A version's ATWS target namespace: `1.6` -> `http://autotask.net/ATWS/v1_6/`. */
export function namespaceOf(version: ApiVersion): string {
  return `http://autotask.net/ATWS/v${version.replace('.', '_')}/`;
}

/** The version whose namespace this is, if any. */
export function versionOfNamespace(namespace: string): ApiVersion | undefined {
  return API_VERSION_LIST.find((version) => namespaceOf(version) === namespace);
}

/** Whether a value names an API version. */
export function isApiVersion(value: unknown): value is ApiVersion {
  return (API_VERSION_LIST as readonly unknown[]).includes(value);
}
