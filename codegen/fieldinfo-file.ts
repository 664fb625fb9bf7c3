/**
 * Reads a field-info JSON file in the format of `../shared/atws/fieldinfo/*.json`:
 * `{ ApiVersion, Entities: [ { Name, CanCreate, ..., Fields: [ { Name, Type, ... } ] } ] }`.
 */
import { readFile } from 'node:fs/promises';
import { CodegenError } from './codegen-error.js';
import { asArray, asRecord, entityInfoFromApi, fieldFromApi, RecordError, str, type MetadataEntity, type MetadataSet } from './api-records.js';

export async function readFieldInfoFile(file: string): Promise<MetadataSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CodegenError(file, `cannot read: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CodegenError(file, `not JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  try {
    return fieldInfoFromJson(json);
  } catch (error) {
    if (error instanceof RecordError) throw new CodegenError(file, error.message, { cause: error });
    throw error;
  }
}

export function fieldInfoFromJson(json: unknown): MetadataSet {
  const root = asRecord(json, '$');
  const version = str(root, 'ApiVersion', '$');
  const seen = new Set<string>();
  const entities = asArray(root['Entities'], '$.Entities').map((raw, i): MetadataEntity => {
    const path = `$.Entities[${i}]`;
    const info = entityInfoFromApi(raw, path);
    if (seen.has(info.name)) throw new RecordError(`${path}.Name`, `entity "${info.name}" is listed twice`);
    seen.add(info.name);
    const fieldPath = `${path}(${info.name}).Fields`;
    const names = new Set<string>();
    const fields = asArray(asRecord(raw, path)['Fields'], fieldPath).map((f, j) => {
      const field = fieldFromApi(f, `${fieldPath}[${j}]`);
      if (names.has(field.name)) throw new RecordError(`${fieldPath}[${j}].Name`, `field "${field.name}" is listed twice`);
      names.add(field.name);
      return field;
    });
    return { ...info, fields };
  });
  if (entities.length === 0) throw new RecordError('$.Entities', 'is empty');
  return { version, entities };
}
