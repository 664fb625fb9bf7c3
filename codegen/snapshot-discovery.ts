/**
 * Which snapshots `atws codegen generate` finds under its snapshot root (`./atws/` by default):
 * whatever API versions were pulled there, one or both. A user who pulled only 1.6 generates 1.6;
 * nothing is assumed about a version that is not there.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { API_VERSION_LIST, isApiVersion, type ApiVersion } from 'atws/protocol';
import { CodegenError } from './codegen-error.js';
import { ENTITIES_FILE, WSDL_FILE } from './snapshot.js';

const API_VERSIONS: readonly ApiVersion[] = API_VERSION_LIST;

/** The command that makes a snapshot, for messages: as a user types it in their project. */
export function pullCommandHint(snapshotRoot: string, defaultRoot: string): string {
  const out = snapshotRoot === defaultRoot ? '' : ` --out ${snapshotRoot}`;
  return `npx atws codegen pull --url <zone atws.asmx> --username <user> --password <password> --integration-code <code>${out}`;
}

/**
 * The versions with a snapshot folder under `root` (one holding either snapshot file: a half
 * snapshot is read, and refused with the missing file's name, rather than silently skipped).
 */
export function findSnapshotVersions(root: string, defaultRoot: string): ApiVersion[] {
  const found = API_VERSIONS.filter((v) => existsSync(join(root, v, ENTITIES_FILE)) || existsSync(join(root, v, WSDL_FILE)));
  if (found.length === 0) {
    throw new CodegenError(
      resolve(root),
      `no snapshot found (looked for ${API_VERSIONS.map((v) => `${v}/${ENTITIES_FILE}`).join(' and ')}); pull one first: ${pullCommandHint(root, defaultRoot)}`,
    );
  }
  return found;
}

/** Checks the versions asked for with `--version`. */
export function checkedVersions(versions: readonly string[]): ApiVersion[] {
  for (const v of versions) {
    if (!isApiVersion(v)) {
      throw new CodegenError('atws codegen generate --version', `"${v}" is not an API version (${API_VERSIONS.join(', ')})`);
    }
  }
  return [...new Set(versions)] as ApiVersion[];
}
