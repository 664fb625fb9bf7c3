/**
 * `atws codegen pull | generate | all`. `all` (what `npm run codegen` runs) works offline from
 * `../shared/atws`: 1.6 from the 1.6 WSDL and the newest metadata, fieldinfo/1.6.8.json; 1.5 from
 * the 1.5 WSDL with fieldinfo/1.6.1.json restricted to what the 1.5 WSDL declares; and the older
 * revision 1.6.1 for the simulator's `--revision 1.6.1`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { replaceDirectory } from './atomic-dir.js';
import { buildRevisionMetadata, buildVersion, generate, revisionFolder, versionFolder } from './generate.js';
import { pull } from './pull.js';
import { CodegenError } from './codegen-error.js';
import type { HttpCredentials } from './wsdl-source.js';
import { PROJECT_ROOT } from './project-root.js';
import { ENTITIES_FILE, WSDL_FILE } from './snapshot.js';

export { PROJECT_ROOT };
export const DEFAULT_SHARED = resolve(PROJECT_ROOT, '..', 'shared', 'atws');

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
 * Pull then generate both versions. Every input is read and every file built before any output
 * folder is replaced, so bad input for one version leaves both versions' folders as they were.
 */
export async function codegenAll(options: AllOptions): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), 'atws-codegen-'));
  try {
    const outputs: Array<readonly [string, ReadonlyMap<string, string>]> = [];
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
        throw new CodegenError(input.metadata, `is API ${pulled.snapshot.apiVersion} metadata ${pulled.snapshot.metadataVersion}, expected ${input.revision}`);
      }
      const snapshotFiles = new Map<string, string>();
      for (const file of [ENTITIES_FILE, WSDL_FILE]) snapshotFiles.set(file, await readFile(join(pulled.directory, file), 'utf8'));
      outputs.push([join(options.snapshotRoot, input.revision), snapshotFiles]);
      const outDir = join(options.generatedRoot, revisionFolder(input.revision));
      const generated = await buildRevisionMetadata({
        snapshotDir: pulled.directory,
        outDir,
        revision: input.revision,
        // runtimeImport is given as seen from generated/v1_x; revisions sit one folder deeper.
        ...(options.runtimeImport === undefined ? {} : { runtimeImport: `../${options.runtimeImport}` }),
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
    for (const [directory, files] of outputs) await replaceDirectory(directory, files);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function credentialsOf(opts: { username?: string; password?: string }): HttpCredentials | undefined {
  if (opts.username === undefined && opts.password === undefined) return undefined;
  if (opts.username === undefined || opts.password === undefined) {
    throw new CodegenError('atws codegen pull', '--username and --password go together');
  }
  return { username: opts.username, password: opts.password };
}

export function registerCodegenCommands(program: Command): void {
  const codegen = program.command('codegen').description('Pull ATWS metadata into wsdl/<version>/ and generate typed code into generated/');

  codegen
    .command('pull')
    .description('Read a WSDL and entity metadata (a field-info JSON file, or live with --url) into wsdl/<version>/')
    .option('--wsdl <fileOrUrl>', 'the WSDL, a file or an http(s) URL (with --url: by default the endpoint with .wsdl for .asmx)')
    .option('--metadata <file>', 'a field-info JSON file in the format of ../shared/atws/fieldinfo/*.json')
    .option('--url <endpoint>', 'pull metadata live from this ATWS endpoint (atws.asmx)')
    .option('--username <name>', 'API user (HTTP Basic), for a WSDL URL and a live pull')
    .option('--password <password>', 'its password (or set ATWS_PASSWORD)')
    .option('--integration-code <code>', 'the AutotaskIntegrations IntegrationCode for a live pull (or set ATWS_INTEGRATION_CODE)')
    .option('--restrict-to-wsdl', 'leave out entities and fields the WSDL does not declare', false)
    .option('--out <dir>', 'the snapshot root; the snapshot goes to <dir>/<version>/', join(PROJECT_ROOT, 'wsdl'))
    .action(async (opts: { wsdl?: string; metadata?: string; url?: string; username?: string; password?: string; integrationCode?: string; restrictToWsdl: boolean; out: string }) => {
      const password = opts.password ?? process.env['ATWS_PASSWORD'];
      const credentials = credentialsOf({ ...(opts.username === undefined ? {} : { username: opts.username }), ...(password === undefined ? {} : { password }) });
      if ((opts.metadata === undefined) === (opts.url === undefined)) {
        throw new CodegenError('atws codegen pull', 'give exactly one of --metadata <file> and --url <endpoint>');
      }
      const wsdl = opts.wsdl ?? opts.url?.replace(/\.asmx$/i, '.wsdl');
      if (wsdl === undefined) throw new CodegenError('atws codegen pull', '--wsdl <fileOrUrl> is required with --metadata');
      let metadata: { file: string } | { live: import('./api-records.js').MetadataSet; label: string };
      if (opts.metadata !== undefined) {
        metadata = { file: opts.metadata };
      } else {
        const { pullLiveMetadata } = await import('./live-metadata.js');
        const integrationCode = opts.integrationCode ?? process.env['ATWS_INTEGRATION_CODE'];
        const live = await pullLiveMetadata({
          endpoint: opts.url as string,
          ...(credentials === undefined ? {} : { credentials }),
          ...(integrationCode === undefined ? {} : { integrationCode }),
          wsdl,
        });
        metadata = { live: live.metadata, label: live.label };
      }
      const result = await pull({
        wsdl,
        ...(credentials === undefined ? {} : { credentials }),
        metadata,
        restrictToWsdl: opts.restrictToWsdl,
        outDir: opts.out,
      });
      process.stdout.write(`wrote ${result.directory} (${result.snapshot.entities.length} entities, ${result.snapshot.disagreements.length} disagreements)\n`);
    });

  codegen
    .command('generate')
    .description('Generate generated/v1_x/ from wsdl/<version>/')
    .option('--version <versions...>', 'the API versions to generate', ['1.5', '1.6'])
    .option('--snapshots <dir>', 'the snapshot root', join(PROJECT_ROOT, 'wsdl'))
    .option('--out <dir>', 'the output root; each version goes to <dir>/v1_x/', join(PROJECT_ROOT, 'generated'))
    .action(async (opts: { version: string[]; snapshots: string; out: string }) => {
      for (const version of opts.version) {
        const result = await generate({ snapshotDir: join(opts.snapshots, version), outDir: join(opts.out, versionFolder(version)) });
        process.stdout.write(`wrote ${result.outDir} (${result.files.size} files)\n`);
      }
    });

  codegen
    .command('all')
    .description('Pull and generate both versions offline from ../shared/atws (what `npm run codegen` runs)')
    .option('--shared <dir>', 'the reference material', DEFAULT_SHARED)
    .action(async (opts: { shared: string }) => {
      await codegenAll({
        shared: opts.shared,
        snapshotRoot: join(PROJECT_ROOT, 'wsdl'),
        generatedRoot: join(PROJECT_ROOT, 'generated'),
        fixturesRoot: join(PROJECT_ROOT, 'test', 'fixtures'),
      });
      process.stdout.write('wrote wsdl/1.5, wsdl/1.6, wsdl/1.6.1, generated/v1_5, generated/v1_6, generated/revisions/v1_6_1, test/fixtures/v1_6_1\n');
    });
}
