/**
 * The three packages as npm publishes them, built from the current sources into a staging folder
 * (the project's own dist/ is neither needed nor touched) and packed: `atws` (the client),
 * `@atws/codegen` and `@atws/simulator`. Each workspace is compiled against the declarations of
 * the atws build beside it, as its users get them, and each is packed with its published
 * manifest (publish-manifest.ts), never the repository's.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { publishManifest } from './publish-manifest.js';

export interface PackedPackages {
  readonly atws: string;
  readonly codegen: string;
  readonly simulator: string;
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(projectRoot, 'node_modules/typescript/bin/tsc');

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function readTsconfig(path: string): { compilerOptions: { paths: Record<string, string[]> } } {
  const read = ts.readConfigFile(path, (file) => ts.sys.readFile(file));
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return read.config as { compilerOptions: { paths: Record<string, string[]> } };
}

/** Writes a package's published manifest and its README into `dir`, where its dist/ is built. */
function publishFiles(dir: string, source: string): void {
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(publishManifest(manifest), null, 2)}\n`);
  copyFileSync(join(source, 'README.md'), join(dir, 'README.md'));
}

/** Packs a built package folder; the tarball's path. */
function pack(dir: string, destination: string): string {
  const name = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', destination], dir).trim().split('\n').pop() as string;
  return join(destination, name);
}

/** The three packages' folders (published manifest, README, dist/), as they would be installed. */
export interface BuiltPackages {
  readonly atws: string;
  readonly codegen: string;
  readonly simulator: string;
}

/** Builds the three packages under `temp/build/`: what they publish, unpacked. */
export function buildAll(temp: string): BuiltPackages {
  const atwsDir = join(temp, 'build', 'atws');
  mkdirSync(atwsDir, { recursive: true });
  run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(atwsDir, 'dist')], projectRoot);
  publishFiles(atwsDir, projectRoot);

  const workspace = (name: 'codegen' | 'simulator'): string => {
    const source = join(projectRoot, name);
    const out = join(temp, 'build', name);
    mkdirSync(out, { recursive: true });
    // The workspace's own build config, its `atws` paths pointed at the atws build above.
    const { compilerOptions } = readTsconfig(join(source, 'tsconfig.build.json'));
    const paths = Object.fromEntries(
      Object.entries(compilerOptions.paths).map(([specifier, targets]) => [
        specifier,
        targets.map((target) => join(atwsDir, resolve(source, target).slice(resolve(projectRoot).length + 1))),
      ]),
    );
    const config = join(temp, 'build', `tsconfig.${name}.json`);
    ts.sys.writeFile(
      config,
      JSON.stringify({
        extends: join(source, 'tsconfig.build.json'),
        compilerOptions: { rootDir: source, outDir: join(out, 'dist'), paths, typeRoots: [join(projectRoot, 'node_modules/@types')] },
        include: [source],
        exclude: [join(source, 'dist'), join(source, 'node_modules')],
      }),
    );
    run(process.execPath, [tsc, '-p', config], projectRoot);
    publishFiles(out, source);
    return out;
  };
  return { atws: atwsDir, codegen: workspace('codegen'), simulator: workspace('simulator') };
}

/** Builds the three packages under `temp` and packs them there. */
export function packAll(temp: string): PackedPackages {
  const built = buildAll(temp);
  return { atws: pack(built.atws, temp), codegen: pack(built.codegen, temp), simulator: pack(built.simulator, temp) };
}
