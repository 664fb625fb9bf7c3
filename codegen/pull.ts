/**
 * `atws codegen pull`: WSDL + field metadata -> the snapshot in `<out>/<version>/` (`./atws/1.6/` in a
 * user's project, `wsdl/1.6/` in this repository's `npm run codegen`).
 */
import { join } from 'node:path';
import { API_VERSION_LIST, namespaceOf, versionOfNamespace, type ApiVersion } from 'atws/protocol';
import type { WsdlDocument } from 'atws/protocol/soap';
import type { MetadataSet } from './api-records.js';
import type { HttpLimits } from './bounded-http.js';
import { CodegenError } from './codegen-error.js';
import { replaceDirectory } from './atomic-dir.js';
import { readFieldInfoFile } from './fieldinfo-file.js';
import { describeDisagreement, joinWsdl } from './join-metadata.js';
import { ENTITIES_FILE, SNAPSHOT_FORMAT, WSDL_FILE, type EntitySnapshot } from './snapshot.js';
import { refuseSecrets } from './snapshot-secrets.js';
import { publicLocation } from './location.js';
import { loadWsdl, type HttpCredentials } from './wsdl-source.js';
import { basename } from 'node:path';

/**
 * A WSDL already in structured form, with the name the snapshot records for it: the package's own
 * of a version (`atws/v1_6/wsdl-document`) for a REST pull, since REST serves no WSDL.
 */
export interface WsdlInHand {
  readonly document: WsdlDocument;
  readonly label: string;
}

export interface PullOptions {
  /** WSDL file or URL, or one in hand. */
  readonly wsdl: string | WsdlInHand;
  /** Credentials for fetching the WSDL and for a live metadata pull. */
  readonly credentials?: HttpCredentials;
  /** Timeout and size limit of the WSDL read (codegen/bounded-http.ts's defaults when absent). */
  readonly limits?: HttpLimits;
  /** The integration code of a live pull: like the password, it must not reach the snapshot. */
  readonly integrationCode?: string;
  /** Where metadata comes from: a field-info JSON file, or an already fetched set (live pull). */
  readonly metadata: { readonly file: string } | { readonly live: MetadataSet; readonly label: string };
  readonly restrictToWsdl: boolean;
  /** The snapshot root; the snapshot goes to `<outDir>/<version>/` (or `<outDir>/<directoryName>/`). */
  readonly outDir: string;
  /** The snapshot's folder name under `outDir` when not the API version (another revision of it: `1.6.1`). */
  readonly directoryName?: string;
  /**
   * The API version the snapshot must have, and what says so (a live endpoint's URL path,
   * `/ATServices/1.6/atws.asmx`): a WSDL of another version stops the pull before anything is written.
   */
  readonly expectVersion?: { readonly version: ApiVersion; readonly source: string };
  /** Where to report disagreements (stderr by default). */
  readonly report?: (line: string) => void;
}

export interface PullResult {
  readonly directory: string;
  readonly snapshot: EntitySnapshot;
  readonly wsdl: WsdlDocument;
}

export function apiVersionOf(namespace: string, file: string): ApiVersion {
  const version = versionOfNamespace(namespace);
  if (version === undefined) {
    throw new CodegenError(file, `targetNamespace "${namespace}" is not an ATWS namespace (${API_VERSION_LIST.map(namespaceOf).join(' or ')})`);
  }
  return version;
}

/** Pulls one version. The snapshot files are written together or not at all. */
export async function pull(options: PullOptions): Promise<PullResult> {
  const report = options.report ?? ((line: string) => process.stderr.write(line + '\n'));
  const sourceWsdl = typeof options.wsdl === 'string' ? await loadWsdl(options.wsdl, options.credentials, options.limits) : options.wsdl.document;
  const wsdlLabel = typeof options.wsdl === 'string' ? publicLocation(options.wsdl) : options.wsdl.label;
  const apiVersion = apiVersionOf(sourceWsdl.targetNamespace, wsdlLabel);
  if (options.expectVersion !== undefined && options.expectVersion.version !== apiVersion) {
    throw new CodegenError(
      wsdlLabel,
      `declares API ${apiVersion} (${sourceWsdl.targetNamespace}), but ${options.expectVersion.source} is API ${options.expectVersion.version}`,
    );
  }
  const metadata = 'file' in options.metadata ? await readFieldInfoFile(options.metadata.file) : options.metadata.live;
  const metadataLabel = 'file' in options.metadata ? basename(options.metadata.file) : options.metadata.label;
  // The snapshot's WSDL also declares what the metadata alone adds (codegen/README.md, disagreement rules).
  const { entities, disagreements, wsdl } = joinWsdl(sourceWsdl, metadata, { restrictToWsdl: options.restrictToWsdl });
  for (const d of disagreements) report(`atws codegen pull ${apiVersion}: ${describeDisagreement(d)}`);
  const snapshot: EntitySnapshot = {
    format: SNAPSHOT_FORMAT,
    apiVersion,
    metadataVersion: metadata.version,
    namespace: wsdl.targetNamespace,
    sources: { wsdl: typeof options.wsdl !== 'string' || isUrlLike(wsdlLabel) ? wsdlLabel : basename(wsdlLabel), metadata: metadataLabel },
    restrictedToWsdl: options.restrictToWsdl,
    disagreements,
    entities,
  };
  const directory = join(options.outDir, options.directoryName ?? apiVersion);
  // A server may echo the login into what it answers; the snapshot is committed, so it is refused.
  const secrets = { username: options.credentials?.username, password: options.credentials?.password, integrationCode: options.integrationCode };
  refuseSecrets(join(directory, ENTITIES_FILE), snapshot, secrets);
  refuseSecrets(join(directory, WSDL_FILE), wsdl, secrets);
  await replaceDirectory(
    directory,
    new Map([
      [ENTITIES_FILE, toJson(snapshot)],
      [WSDL_FILE, toJson(wsdl)],
    ]),
  );
  return { directory, snapshot, wsdl };
}

function isUrlLike(label: string): boolean {
  return /^https?:/i.test(label);
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
