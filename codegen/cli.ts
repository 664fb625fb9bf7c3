/**
 * `atws codegen pull | generate | all`. `pull` and `generate` are what a user runs in their own
 * project: every default path is relative to the working directory (`./atws/<version>/`,
 * `./atws/generated/v1_x/`), never to where this code is installed. `all` is this repository's
 * build only (`npm run codegen` gives it every path): offline from the reference folder, 1.6 from
 * the 1.6 WSDL and the newest metadata, fieldinfo/1.6.8.json; 1.5 from the 1.5 WSDL with
 * fieldinfo/1.6.1.json restricted to what the 1.5 WSDL declares; the older revision 1.6.1 for
 * the simulator's `--revision 1.6.1` and the tests' 1.6.1 client (test/fixtures/v1_6_1); and the
 * REST model (rest/swagger.json beside both versions' snapshots) into rest-v1.0/ and rest/.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { replaceDirectory } from './atomic-dir.js';
import { buildRevisionMetadata, buildVersion, revisionFolder, versionFolder } from './generate.js';
import { pull } from './pull.js';
import { CodegenError } from './codegen-error.js';
import { isUrl, publicLocation } from './location.js';
import type { ApiVersion } from 'atws/protocol';
import { DEFAULT_REST_DISCOVERY_URL, pullRestMetadata } from './rest-metadata.js';
import type { HttpCredentials } from './wsdl-source.js';
import { ENTITIES_FILE, WSDL_FILE } from './snapshot.js';
import { endpointUrls } from './endpoint-url.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './bounded-http.js';
import { PullProgress } from './pull-progress.js';
import { checkedVersions, findSnapshotVersions } from './snapshot-discovery.js';
import type { EntitySnapshot } from './snapshot.js';
import { buildRestModel, REST_GENERATED_FOLDER, restSwaggerFile } from './rest-model-build.js';
import { REST_MODEL_FOLDER } from './rest-model-snapshot.js';

/** The user's snapshot root and generated code, relative to the working directory (their project). */
export const DEFAULT_SNAPSHOTS = 'atws';
export const DEFAULT_GENERATED = join('atws', 'generated');
/** Also what `atws --help` shows before this module loads (runtime/cli/atws.ts, which repeats it). */
export const CODEGEN_DESCRIPTION = `Pull a zone's ATWS metadata into ./${DEFAULT_SNAPSHOTS}/<version>/ and generate typed code into ./${DEFAULT_GENERATED}/`;

/**
 * The offline inputs of `atws codegen all`, per version. 1.6 takes the newest metadata the project
 * has; 1.5 takes the oldest, 1.6.1, the revision nearest the frozen 1.5 API (whose WSDL is older
 * than any 1.6 revision; 1.6.8 changes types and flags of 1.5's own fields, float -> double, ...),
 * restricted to what the 1.5 WSDL declares.
 */
export function offlineInputs(shared: string): Array<{ version: '1.5' | '1.6'; wsdl: string; metadata: string; restrictToWsdl: boolean }> {
  return [
    { version: '1.5', wsdl: join(shared, 'wsdl', '1.5', 'atws.wsdl'), metadata: join(shared, 'fieldinfo', '1.6.1.json'), restrictToWsdl: true },
    { version: '1.6', wsdl: join(shared, 'wsdl', '1.6', 'atws.wsdl'), metadata: join(shared, 'fieldinfo', '1.6.8.json'), restrictToWsdl: false },
  ];
}

/**
 * Older metadata revisions of 1.6, over the 1.6 WSDL: each becomes wsdl/<revision>/ and
 * generated/revisions/v1_x_y/ (its metadata and WSDL structure), which the simulator serves with
 * `--revision`: an endpoint that lacks fields and entities the client's generated classes know.
 */
export function revisionInputs(shared: string): Array<{ revision: string; version: '1.6'; wsdl: string; metadata: string }> {
  return [{ revision: '1.6.1', version: '1.6', wsdl: join(shared, 'wsdl', '1.6', 'atws.wsdl'), metadata: join(shared, 'fieldinfo', '1.6.1.json') }];
}

export interface AllOptions {
  readonly shared: string;
  readonly snapshotRoot: string;
  readonly generatedRoot: string;
  /**
   * Where each revision's whole client module also goes (`<root>/v1_6_1/`), for tests that need a
   * client older than the endpoint (`connect({ api })`): test/fixtures for `npm run codegen`;
   * none when absent.
   */
  readonly fixturesRoot?: string;
  readonly runtimeImport?: string;
  readonly report?: (line: string) => void;
}

/**
 * Pull then generate both versions, then derive the REST model from the swagger and both
 * snapshots. Every input is read and every file built before any output folder is replaced, so
 * bad input for one version (or the swagger) leaves every folder as it was.
 */
export async function codegenAll(options: AllOptions): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), 'atws-codegen-'));
  try {
    const outputs: Array<readonly [string, ReadonlyMap<string, string>]> = [];
    const pulledSnapshots = new Map<string, EntitySnapshot>();
    for (const input of offlineInputs(options.shared)) {
      const pulled = await pull({
        wsdl: input.wsdl,
        metadata: { file: input.metadata },
        restrictToWsdl: input.restrictToWsdl,
        outDir: staging,
        ...(options.report === undefined ? {} : { report: options.report }),
      });
      if (pulled.snapshot.apiVersion !== input.version) {
        throw new CodegenError(input.wsdl, `declares API ${pulled.snapshot.apiVersion}, expected ${input.version}`);
      }
      pulledSnapshots.set(input.version, pulled.snapshot);
      const snapshotFiles = new Map<string, string>();
      for (const file of [ENTITIES_FILE, WSDL_FILE]) snapshotFiles.set(file, await readFile(join(pulled.directory, file), 'utf8'));
      outputs.push([join(options.snapshotRoot, input.version), snapshotFiles]);
      const outDir = join(options.generatedRoot, versionFolder(input.version));
      const generated = await buildVersion({
        snapshotDir: pulled.directory,
        outDir,
        ...(options.runtimeImport === undefined ? {} : { runtimeImport: options.runtimeImport }),
      });
      outputs.push([outDir, generated]);
    }
    for (const input of revisionInputs(options.shared)) {
      const pulled = await pull({
        wsdl: input.wsdl,
        metadata: { file: input.metadata },
        restrictToWsdl: false,
        outDir: staging,
        directoryName: input.revision,
        report: () => undefined,
      });
      if (pulled.snapshot.apiVersion !== input.version || pulled.snapshot.metadataVersion !== input.revision) {
        throw new CodegenError(
          input.metadata,
          `is API ${pulled.snapshot.apiVersion} metadata ${pulled.snapshot.metadataVersion}, expected ${input.revision}`,
        );
      }
      const snapshotFiles = new Map<string, string>();
      for (const file of [ENTITIES_FILE, WSDL_FILE]) snapshotFiles.set(file, await readFile(join(pulled.directory, file), 'utf8'));
      outputs.push([join(options.snapshotRoot, input.revision), snapshotFiles]);
      const outDir = join(options.generatedRoot, revisionFolder(input.revision));
      const generated = await buildRevisionMetadata({
        snapshotDir: pulled.directory,
        outDir,
        revision: input.revision,
        ...(options.runtimeImport === undefined ? {} : { runtimeImport: options.runtimeImport }),
      });
      outputs.push([outDir, generated]);
      if (options.fixturesRoot !== undefined) {
        const fixtureDir = join(options.fixturesRoot, `v${input.revision.replaceAll('.', '_')}`);
        const fixture = await buildVersion({
          snapshotDir: pulled.directory,
          outDir: fixtureDir,
          registerVersion: false,
          // As seen from test/fixtures/v1_x_y, one folder deeper than generated/v1_x.
          ...(options.runtimeImport === undefined ? {} : { runtimeImport: `../${options.runtimeImport}` }),
        });
        outputs.push([fixtureDir, fixture]);
      }
    }
    outputs.push(
      ...(await buildRestModel({
        swaggerFile: restSwaggerFile(options.shared),
        soap: pulledSnapshots.get('1.6') as EntitySnapshot,
        alsoCovers: [{ snapshot: pulledSnapshots.get('1.5') as EntitySnapshot, label: join(options.snapshotRoot, '1.5', ENTITIES_FILE) }],
        snapshotDir: join(options.snapshotRoot, REST_MODEL_FOLDER),
        outDir: join(options.generatedRoot, REST_GENERATED_FOLDER),
        ...(options.runtimeImport === undefined ? {} : { runtimeImport: options.runtimeImport }),
      })),
    );
    for (const [directory, files] of outputs) await replaceDirectory(directory, files);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A flag's value as a positive number, or a CodegenError naming the flag. */
function positiveNumber(flag: string, value: string, what: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new CodegenError('atws codegen pull', `${flag}: ${JSON.stringify(value)} is not ${what} (a positive number)`);
  return n;
}

function credentialsOf(opts: { username?: string; password?: string }): HttpCredentials | undefined {
  if (opts.username === undefined && opts.password === undefined) return undefined;
  if (opts.username === undefined || opts.password === undefined) {
    throw new CodegenError('atws codegen pull', '--username and --password go together');
  }
  return { username: opts.username, password: opts.password };
}

interface PullFlags {
  readonly wsdl?: string;
  readonly metadata?: string;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  readonly integrationCode?: string;
  readonly restrictToWsdl: boolean;
  readonly out: string;
  readonly timeout: string;
  readonly maxAnswerMb: string;
  readonly transport: string;
  readonly api: string;
  readonly discoveryUrl?: string;
}

/**
 * `pull --transport rest`: the tenant's metadata over REST, under the package's own WSDL of the
 * version (REST serves none), into the same snapshot a SOAP pull writes.
 */
async function pullOverRest(
  opts: PullFlags,
  credentials: HttpCredentials | undefined,
  limits: HttpLimits,
): Promise<Awaited<ReturnType<typeof pull>>> {
  const where = 'atws codegen pull --transport rest';
  if (opts.metadata !== undefined || opts.wsdl !== undefined)
    throw new CodegenError(where, "--metadata and --wsdl are SOAP pulls' flags: REST serves no WSDL, the package's own is used");
  if (credentials === undefined)
    throw new CodegenError(where, '--username and --password (or ATWS_PASSWORD) are required: REST has no anonymous metadata');
  const integrationCode = opts.integrationCode ?? process.env['ATWS_INTEGRATION_CODE'];
  if (integrationCode === undefined || integrationCode === '')
    throw new CodegenError(where, '--integration-code (or ATWS_INTEGRATION_CODE) is required: REST refuses every call without one');
  const apiVersion = checkedVersions([opts.api])[0] as ApiVersion;
  for (const [flag, value] of [
    ['--url', opts.url],
    ['--discovery-url', opts.discoveryUrl],
  ] as const) {
    if (value !== undefined && !isUrl(value)) throw new CodegenError(where, `${flag}: "${value}" is not an http(s) URL`);
  }
  const progress = new PullProgress(process.stderr);
  try {
    // Loaded here: the generated code it reads is what `atws codegen all` writes.
    const { packagedApi } = await import('./packaged-api.js');
    const known = await packagedApi(apiVersion);
    const live = await pullRestMetadata({
      apiVersion,
      known,
      ...(opts.url === undefined ? {} : { url: opts.url }),
      ...(opts.discoveryUrl === undefined ? {} : { discoveryUrl: opts.discoveryUrl }),
      credentials,
      integrationCode,
      progress,
      limits,
    });
    progress.step(`joining the metadata with the package's WSDL (${known.wsdlLabel})`);
    return await pull({
      wsdl: { document: known.wsdlDocument, label: known.wsdlLabel },
      credentials,
      integrationCode,
      metadata: { live: live.metadata, label: live.label },
      restrictToWsdl: opts.restrictToWsdl,
      outDir: opts.out,
      limits,
      report: (line) => progress.line(line),
    });
  } finally {
    progress.end();
  }
}

export function registerCodegenCommands(program: Command): void {
  const codegen = program.command('codegen').description(CODEGEN_DESCRIPTION);

  codegen
    .command('pull')
    .description(
      `Read the API's WSDL and entity metadata (live from a zone with --url, or from a field-info file with --metadata) into ./${DEFAULT_SNAPSHOTS}/<version>/`,
    )
    .option(
      '--url <url>',
      "the zone's ATWS endpoint (.../ATServices/1.6/atws.asmx) or its WSDL (.../atws.wsdl): metadata pulled live, UDFs and picklist values included; with --transport rest, the zone's REST base (.../ATServicesRest/), found with zoneInformation when absent",
    )
    .option(
      '--transport <soap|rest>',
      "the API to pull from: SOAP (the WSDL and getEntityInfo, GetFieldInfo, getUDFInfo) or REST ({Collection}/entityInformation[/fields|/userDefinedFields], under the package's WSDL of --api)",
      'soap',
    )
    .option('--api <version>', 'with --transport rest: the API version whose classes the snapshot is for (1.5 or 1.6)', '1.6')
    .option('--discovery-url <url>', `with --transport rest and no --url: where the zone is asked (default ${DEFAULT_REST_DISCOVERY_URL})`)
    .option('--username <name>', 'API user (HTTP Basic), for a live pull and a WSDL URL')
    .option('--password <password>', 'its password (or set ATWS_PASSWORD)')
    .option(
      '--integration-code <code>',
      'the API tracking identifier (AutotaskIntegrations IntegrationCode) for a live pull (or set ATWS_INTEGRATION_CODE)',
    )
    .option('--wsdl <fileOrUrl>', "the WSDL, a file or an http(s) URL (with --url: by default the endpoint's atws.wsdl)")
    .option(
      '--metadata <file>',
      'offline instead of --url: a field-info JSON file ({ ApiVersion, Entities: [{ Name, CanCreate, ..., Fields: [...] }] })',
    )
    .option('--restrict-to-wsdl', 'leave out entities and fields the WSDL does not declare', false)
    .option('--out <dir>', 'the snapshot root; the snapshot goes to <dir>/<version>/', DEFAULT_SNAPSHOTS)
    .option('--timeout <seconds>', 'how long one request (the WSDL, each call) may take', String(DEFAULT_HTTP_LIMITS.timeoutMs / 1000))
    .option('--max-answer-mb <n>', 'the largest WSDL or answer read, in MiB', String(DEFAULT_HTTP_LIMITS.maxAnswerBytes / 1024 / 1024))
    .action(async (opts: PullFlags) => {
      const limits: HttpLimits = {
        timeoutMs: Math.round(positiveNumber('--timeout', opts.timeout, 'a number of seconds') * 1000),
        maxAnswerBytes: Math.round(positiveNumber('--max-answer-mb', opts.maxAnswerMb, 'a number of MiB') * 1024 * 1024),
      };
      const password = opts.password ?? process.env['ATWS_PASSWORD'];
      const credentials = credentialsOf({
        ...(opts.username === undefined ? {} : { username: opts.username }),
        ...(password === undefined ? {} : { password }),
      });
      if (opts.transport !== 'soap' && opts.transport !== 'rest') {
        throw new CodegenError('atws codegen pull', `--transport: ${JSON.stringify(opts.transport)} is neither soap nor rest`);
      }
      if (opts.transport === 'rest') {
        const result = await pullOverRest(opts, credentials, limits);
        process.stdout.write(
          `wrote ${result.directory} (${result.snapshot.entities.length} entities, ${result.snapshot.disagreements.length} disagreements)\n`,
        );
        return;
      }
      if ((opts.metadata === undefined) === (opts.url === undefined)) {
        throw new CodegenError('atws codegen pull', 'give exactly one of --url <zone atws.asmx> (live) and --metadata <file>');
      }
      let result: Awaited<ReturnType<typeof pull>>;
      if (opts.url === undefined) {
        if (opts.wsdl === undefined) throw new CodegenError('atws codegen pull', '--wsdl <fileOrUrl> is required with --metadata');
        result = await pull({
          wsdl: opts.wsdl,
          ...(credentials === undefined ? {} : { credentials }),
          metadata: { file: opts.metadata as string },
          restrictToWsdl: opts.restrictToWsdl,
          outDir: opts.out,
          limits,
        });
      } else {
        const urls = endpointUrls(opts.url);
        const wsdl = opts.wsdl ?? urls.wsdl;
        const integrationCode = opts.integrationCode ?? process.env['ATWS_INTEGRATION_CODE'];
        const progress = new PullProgress(process.stderr);
        try {
          const { pullLiveMetadata } = await import('./live-metadata.js');
          const live = await pullLiveMetadata({
            endpoint: urls.asmx,
            ...(credentials === undefined ? {} : { credentials }),
            ...(integrationCode === undefined ? {} : { integrationCode }),
            wsdl,
            progress,
            limits,
          });
          progress.step(`joining the metadata with the WSDL ${publicLocation(wsdl)}`);
          result = await pull({
            wsdl,
            ...(credentials === undefined ? {} : { credentials }),
            ...(integrationCode === undefined ? {} : { integrationCode }),
            metadata: { live: live.metadata, label: live.label },
            restrictToWsdl: opts.restrictToWsdl,
            outDir: opts.out,
            limits,
            ...(urls.pathVersion === undefined ? {} : { expectVersion: { version: urls.pathVersion, source: publicLocation(urls.asmx) } }),
            report: (line) => progress.line(line),
          });
        } finally {
          progress.end();
        }
      }
      process.stdout.write(
        `wrote ${result.directory} (${result.snapshot.entities.length} entities, ${result.snapshot.disagreements.length} disagreements)\n`,
      );
    });

  codegen
    .command('generate')
    .description(`Generate TypeScript from every snapshot under ./${DEFAULT_SNAPSHOTS}/ (<version>/, one or both) into ./${DEFAULT_GENERATED}/v1_x/`)
    .option('--version <versions...>', 'the API versions to generate (default: every version with a snapshot)')
    .option('--snapshots <dir>', 'the snapshot root, as written by pull --out', DEFAULT_SNAPSHOTS)
    .option('--out <dir>', 'the output root; each version goes to <dir>/v1_x/', DEFAULT_GENERATED)
    .action(async (opts: { version?: string[]; snapshots: string; out: string }) => {
      const versions = opts.version === undefined ? findSnapshotVersions(opts.snapshots, DEFAULT_SNAPSHOTS) : checkedVersions(opts.version);
      // Every version is built before any folder is replaced: bad input for one leaves all as they were.
      const outputs: Array<readonly [string, ReadonlyMap<string, string>]> = [];
      for (const version of versions) {
        const outDir = join(opts.out, versionFolder(version));
        // A user's module is typed through `connect({ api })`, never registered as the package's own
        // `atws/v1_x` is: a program that has both would declare the same version twice.
        outputs.push([outDir, await buildVersion({ snapshotDir: join(opts.snapshots, version), outDir, registerVersion: false })]);
      }
      for (const [outDir, files] of outputs) {
        await replaceDirectory(outDir, files);
        process.stdout.write(`wrote ${outDir} (${files.size} files)\n`);
      }
    });

  // This repository's build, hidden from users' help: it needs the reference folder beside the
  // repository, and `npm run codegen` gives it every path.
  codegen
    .command('all', { hidden: true })
    .description("Pull and generate both versions offline from a reference folder (this package's own `npm run codegen`)")
    .requiredOption('--shared <dir>', 'the reference material: wsdl/1.x/atws.wsdl, fieldinfo/*.json and rest/swagger.json')
    .requiredOption('--snapshots <dir>', 'the snapshot root')
    .requiredOption('--out <dir>', 'the generated code root')
    .requiredOption('--fixtures <dir>', 'where the 1.6.1 client module for tests goes (<dir>/v1_6_1)')
    .action(async (opts: { shared: string; snapshots: string; out: string; fixtures: string }) => {
      await codegenAll({ shared: opts.shared, snapshotRoot: opts.snapshots, generatedRoot: opts.out, fixturesRoot: opts.fixtures });
      process.stdout.write(
        `wrote ${opts.snapshots}/{1.5,1.6,1.6.1,${REST_MODEL_FOLDER}}, ${opts.out}/{v1_5,v1_6,revisions/v1_6_1,${REST_GENERATED_FOLDER}} and ${opts.fixtures}/v1_6_1\n`,
      );
    });
}
