/**
 * Reads and checks a snapshot (`<snapshots>/<version>/`): a broken or hand-damaged file stops with the
 * file's name and what is wrong, before anything is generated.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isApiVersion } from 'atws/protocol';
import { type WsdlDocument } from 'atws/protocol/soap';
import { asArray, asRecord, bool, FIELD_TYPES, int, RecordError, str, type ApiRecord } from './api-records.js';
import { CodegenError } from './codegen-error.js';
import { ENTITIES_FILE, SNAPSHOT_FORMAT, WSDL_FILE, type EntitySnapshot } from './snapshot.js';

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CodegenError(
      file,
      `cannot read: ${(cause as NodeJS.ErrnoException).code ?? String(cause)} (no snapshot here: make one with \`npx atws codegen pull --url <zone atws.asmx> ...\`)`,
      { cause },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CodegenError(file, `not JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const optionalString = (r: ApiRecord, key: string, path: string): void => {
  if (r[key] !== undefined && typeof r[key] !== 'string') throw new RecordError(`${path}.${key}`, 'expected a string');
};

function checkEntities(json: unknown): EntitySnapshot {
  const root = asRecord(json, '$');
  if (root['format'] !== SNAPSHOT_FORMAT) throw new RecordError('$.format', `expected "${SNAPSHOT_FORMAT}", got ${JSON.stringify(root['format'])}`);
  const apiVersion = str(root, 'apiVersion', '$');
  if (!isApiVersion(apiVersion)) throw new RecordError('$.apiVersion', `"${apiVersion}" is not 1.5 or 1.6`);
  str(root, 'metadataVersion', '$');
  str(root, 'namespace', '$');
  asArray(root['disagreements'], '$.disagreements');
  const names = new Set<string>();
  asArray(root['entities'], '$.entities').forEach((raw, i) => {
    const path = `$.entities[${i}]`;
    const e = asRecord(raw, path);
    const name = str(e, 'name', path);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RecordError(`${path}.name`, `"${name}" is not a usable entity name`);
    if (names.has(name)) throw new RecordError(`${path}.name`, `entity "${name}" is listed twice`);
    names.add(name);
    for (const flag of ['canCreate', 'canUpdate', 'canDelete', 'canQuery', 'hasUserDefinedFields']) {
      if (typeof e[flag] !== 'boolean') throw new RecordError(`${path}.${flag}`, 'expected a boolean');
      bool(e, flag, path);
    }
    const fieldNames = new Set<string>();
    const fields = asArray(e['fields'], `${path}.fields`);
    fields.forEach((rawField, j) => {
      const fp = `${path}(${name}).fields[${j}]`;
      const f = asRecord(rawField, fp);
      const fieldName = str(f, 'name', fp);
      if (fieldName === '') throw new RecordError(`${fp}.name`, 'is empty');
      if (fieldNames.has(fieldName)) throw new RecordError(`${fp}.name`, `field "${fieldName}" is listed twice`);
      fieldNames.add(fieldName);
      str(f, 'label', fp);
      const type = str(f, 'type', fp);
      if (!(FIELD_TYPES as readonly string[]).includes(type))
        throw new RecordError(`${fp}.type`, `"${type}" is not a field type (${FIELD_TYPES.join(', ')})`);
      if (typeof f['length'] !== 'number') throw new RecordError(`${fp}.length`, 'expected a number');
      int(f, 'length', fp);
      for (const flag of ['required', 'readOnly', 'queryable', 'picklist']) {
        if (typeof f[flag] !== 'boolean') throw new RecordError(`${fp}.${flag}`, 'expected a boolean');
      }
      for (const key of ['reference', 'picklistParent', 'defaultValue', 'description', 'source']) optionalString(f, key, fp);
    });
    if (fields.length === 0 || asRecord(fields[0], `${path}.fields[0]`)['name'] !== 'id') {
      throw new RecordError(`${path}(${name}).fields`, 'must start with the id field');
    }
  });
  return json as EntitySnapshot;
}

function checkWsdl(json: unknown): WsdlDocument {
  const root = asRecord(json, '$');
  str(root, 'targetNamespace', '$');
  asArray(root['namespaces'], '$.namespaces');
  const schema = asRecord(root['schema'], '$.schema');
  asArray(schema['items'], '$.schema.items').forEach((raw, i) => {
    const item = asRecord(raw, `$.schema.items[${i}]`);
    const kind = item['kind'];
    if (kind !== 'element' && kind !== 'complexType' && kind !== 'simpleType') {
      throw new RecordError(`$.schema.items[${i}].kind`, `unsupported kind ${JSON.stringify(kind)}`);
    }
    str(item, 'name', `$.schema.items[${i}]`);
  });
  asArray(root['messages'], '$.messages');
  asArray(asRecord(root['portType'], '$.portType')['operations'], '$.portType.operations');
  asArray(asRecord(root['binding'], '$.binding')['operations'], '$.binding.operations');
  asRecord(asRecord(root['service'], '$.service')['port'], '$.service.port');
  return json as WsdlDocument;
}

export interface Snapshot {
  readonly entities: EntitySnapshot;
  readonly wsdl: WsdlDocument;
}

export async function readSnapshot(directory: string): Promise<Snapshot> {
  const read = async <T>(name: string, check: (json: unknown) => T): Promise<T> => {
    const file = join(directory, name);
    const json = await readJson(file);
    try {
      return check(json);
    } catch (error) {
      if (error instanceof RecordError) throw new CodegenError(file, error.message, { cause: error });
      throw error;
    }
  };
  const entities = await read(ENTITIES_FILE, checkEntities);
  const wsdl = await read(WSDL_FILE, checkWsdl);
  if (wsdl.targetNamespace !== entities.namespace) {
    throw new CodegenError(
      join(directory, WSDL_FILE),
      `targetNamespace ${wsdl.targetNamespace} differs from ${ENTITIES_FILE}'s namespace ${entities.namespace}`,
    );
  }
  return { entities, wsdl };
}
