/**
 * The REST model step of `atws codegen all`: the swagger and the SOAP snapshots in, the reviewable
 * snapshot (`<snapshots>/rest-v1.0/rest-model.json`) and its generated form
 * (`<generated>/rest/index.ts`, the package's `atws/rest-model`) out, as files in memory that the
 * caller writes together with every other folder.
 */
import { join } from 'node:path';
import { emitRestModelFiles } from './emit-rest-model.js';
import { deriveRestModel } from './rest-model-derive.js';
import { REST_MODEL_FILE, restModelJson } from './rest-model-snapshot.js';
import { readSwaggerFile } from './rest-swagger.js';
import type { EntitySnapshot } from './snapshot.js';

/** Where the generated form goes under the generated root. */
export const REST_GENERATED_FOLDER = 'rest';

/** The REST swagger in the reference folder. */
export function restSwaggerFile(shared: string): string {
  return join(shared, 'rest', 'swagger.json');
}

export interface RestModelBuild {
  readonly swaggerFile: string;
  readonly soap: EntitySnapshot;
  readonly alsoCovers: ReadonlyArray<{ readonly snapshot: EntitySnapshot; readonly label: string }>;
  readonly snapshotDir: string;
  readonly outDir: string;
  readonly runtimeImport?: string;
}

export async function buildRestModel(options: RestModelBuild): Promise<Array<readonly [string, ReadonlyMap<string, string>]>> {
  const snapshot = deriveRestModel({
    swagger: await readSwaggerFile(options.swaggerFile),
    swaggerFile: options.swaggerFile,
    soap: options.soap,
    alsoCovers: options.alsoCovers,
  });
  return [
    [options.snapshotDir, new Map([[REST_MODEL_FILE, restModelJson(snapshot)]])],
    [options.outDir, emitRestModelFiles(snapshot, options.runtimeImport)],
  ];
}
