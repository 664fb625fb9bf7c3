/**
 * A live metadata pull over Autotask's REST API v1.0 ("The entityInformation REST API call"): per
 * SOAP entity that has a REST collection, `GET {Collection}/entityInformation` (capabilities, UDF
 * flag), `.../entityInformation/fields` (fields, picklist values) and, where the entity carries
 * UDFs, `.../entityInformation/userDefinedFields`; the REST names are mapped back to the SOAP names
 * through the derived REST model, so that the snapshot is the one a SOAP pull writes and the tenant
 * code generated from it is typed the same (picklist labels, UDF names).
 *
 * What REST does not say is taken from the package's own metadata of the version (packaged-api.ts):
 * field labels, descriptions and default values (REST's FieldInformationModel has none), and the
 * entities and fields that have no REST counterpart (they cannot travel over REST, and keep the
 * types the classes have). REST-only fields are left out: no SOAP-named class can hold them.
 *
 * The login goes in the `UserName`, `Secret` and `ApiIntegrationCode` headers, to the server only;
 * a refused one is the client's AuthenticationError, and no secret reaches a message.
 */
import {
  AuthenticationError,
  Redactor,
  restEntity,
  restEntityByCollection,
  restVersionedBase,
  soapFieldOf,
  TransportError,
  ZoneNotFoundError,
  type ApiMetadata,
  type ApiVersion,
  type EntityMeta,
  type FieldMeta,
  type FieldType,
  type RestEntity,
  type RestModel,
} from 'atws/protocol';
import {
  asArray,
  asRecord,
  bool,
  FIELD_TYPES,
  int,
  optStr,
  RecordError,
  str,
  type ApiRecord,
  type MetadataEntity,
  type MetadataSet,
} from './api-records.js';
import { boundedRequest, DEFAULT_HTTP_LIMITS, type HttpLimits } from './bounded-http.js';
import { CodegenError } from './codegen-error.js';
import { publicLocation } from './location.js';
import type { PullProgressSink } from './pull-progress.js';
import type { SnapshotField, SnapshotPicklistValue, SnapshotUdf } from './snapshot.js';
import type { HttpCredentials } from './wsdl-source.js';

/** Where the zone of a REST user is asked when no `--url` is given (the client's default too). */
export const DEFAULT_REST_DISCOVERY_URL = 'https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation';

export interface RestPullOptions {
  /** The API version whose classes the snapshot is for (the REST model maps both). */
  readonly apiVersion: ApiVersion;
  /** The package's metadata of that version and the REST model (packaged-api.ts). */
  readonly known: { readonly metadata: ApiMetadata; readonly restModel: RestModel };
  /** The zone's `.../ATServicesRest/` base (or its `V1.0/` under it); undefined: found through zoneInformation. */
  readonly url?: string;
  /** Where zoneInformation is asked; DEFAULT_REST_DISCOVERY_URL when absent. */
  readonly discoveryUrl?: string;
  readonly credentials: HttpCredentials;
  readonly integrationCode: string;
  /** How many entities are read at once (each entity's calls go one after another: one thread of its endpoint). */
  readonly concurrency?: number;
  readonly progress?: PullProgressSink;
  /** Timeout and size limit of every request; codegen/bounded-http.ts's defaults when absent. */
  readonly limits?: HttpLimits;
}

export interface RestPullResult {
  readonly metadata: MetadataSet;
  /** The zone's versioned base, without credentials: the snapshot's metadata source. */
  readonly label: string;
  /** The package's entities REST has no collection (or no entityInformation) for: taken as the package has them. */
  readonly notOverRest: readonly string[];
}

/** REST's type names as SOAP's GetFieldInfo spells them (the simulator and production answer those; swagger formats are mapped too). */
function fieldType(rest: ApiRecord, key: string, path: string): FieldType {
  const text = str(rest, key, path).toLowerCase();
  const named = ({ date: 'datetime', 'date-time': 'datetime', int32: 'integer', int64: 'long' } as Readonly<Record<string, FieldType>>)[text];
  const type = named ?? FIELD_TYPES.find((t) => t === text);
  if (type === undefined) throw new RecordError(`${path}.${key}`, `"${text}" is not a field type (${FIELD_TYPES.join(', ')})`);
  return type;
}

function picklistValues(rest: ApiRecord, path: string): SnapshotPicklistValue[] {
  const raw = rest['picklistValues'];
  if (raw === undefined || raw === null) return [];
  return asArray(raw, `${path}.picklistValues`).map((item, i) => {
    const p = `${path}.picklistValues[${i}]`;
    const v = asRecord(item, p);
    // `value` is text holding an integer ("1"), as SOAP's; a number is taken as its text.
    const value = typeof v['value'] === 'number' ? String(v['value']) : str(v, 'value', p);
    const parentValue = typeof v['parentValue'] === 'number' ? String(v['parentValue']) : optStr(v, 'parentValue', p);
    return {
      value,
      label: str(v, 'label', p),
      isDefaultValue: bool(v, 'isDefaultValue', p),
      sortOrder: int(v, 'sortOrder', p),
      ...(parentValue === undefined ? {} : { parentValue }),
      isActive: bool(v, 'isActive', p),
      isSystem: bool(v, 'isSystem', p),
    };
  });
}

function length(rest: ApiRecord, path: string): number {
  const n = int(rest, 'length', path);
  if (n < 0) throw new RecordError(`${path}.length`, `is negative (${n})`);
  return n;
}

/** The SOAP entity a REST `referenceEntityType` names: a SOAP name already, a collection, or a REST model's name. */
function referenceOf(name: string, known: RestPullOptions['known']): string {
  if (Object.hasOwn(known.metadata.entities, name)) return name;
  const byCollection = restEntityByCollection(known.restModel, name)?.entity;
  if (byCollection !== undefined) return byCollection;
  const byModel = Object.values(known.restModel.entities).find((e) => e.model.toLowerCase() === `${name}Model`.toLowerCase());
  return byModel?.entity ?? name;
}

/** A field as the package has it (REST did not describe it). */
function packagedField(meta: FieldMeta): SnapshotField {
  return {
    name: meta.name,
    label: meta.label,
    type: meta.type,
    length: meta.length,
    required: meta.required,
    readOnly: meta.readOnly,
    queryable: meta.queryable,
    picklist: meta.picklist,
    ...(meta.reference === undefined ? {} : { reference: meta.reference }),
    ...(meta.picklistParent === undefined ? {} : { picklistParent: meta.picklistParent }),
    ...(meta.defaultValue === undefined ? {} : { defaultValue: meta.defaultValue }),
    ...(meta.description === undefined ? {} : { description: meta.description }),
  };
}

/**
 * An entity's fields in the package's wire order: each as the tenant's `/fields` answer describes it
 * (under its SOAP name), labels, descriptions and defaults from the package; a field REST lacks as
 * the package has it. Returns too the REST fields no SOAP field maps to.
 */
function entityFields(
  answer: unknown,
  meta: EntityMeta,
  rest: RestEntity,
  options: RestPullOptions,
  path: string,
): { fields: SnapshotField[]; restOnly: string[] } {
  const list = asArray(asRecord(answer, path)['fields'], `${path}.fields`);
  const described = new Map<string, SnapshotField>();
  const restOnly: string[] = [];
  const soapName = (restName: string): string | undefined => soapFieldOf(rest, restName, options.apiVersion);
  list.forEach((item, i) => {
    const p = `${path}.fields[${i}]`;
    const r = asRecord(item, p);
    const restName = str(r, 'name', p);
    const name = soapName(restName);
    const known = name === undefined ? undefined : meta.fields[name];
    if (name === undefined || known === undefined) {
      restOnly.push(restName);
      return;
    }
    const isReference = bool(r, 'isReference', p);
    const reference = optStr(r, 'referenceEntityType', p);
    if (isReference && reference === undefined) throw new RecordError(`${p}.referenceEntityType`, 'isReference is true but no entity type is named');
    const parentRest = optStr(r, 'picklistParentValueField', p);
    const picklistParent = parentRest === undefined ? undefined : (soapName(parentRest) ?? parentRest);
    const values = picklistValues(r, p);
    described.set(name, {
      name,
      label: known.label,
      type: fieldType(r, 'dataType', p),
      length: length(r, p),
      required: bool(r, 'isRequired', p),
      readOnly: bool(r, 'isReadOnly', p),
      queryable: bool(r, 'isQueryable', p),
      picklist: bool(r, 'isPickList', p),
      ...(isReference && reference !== undefined ? { reference: referenceOf(reference, options.known) } : {}),
      ...(picklistParent === undefined ? {} : { picklistParent }),
      ...(known.defaultValue === undefined ? {} : { defaultValue: known.defaultValue }),
      ...(known.description === undefined ? {} : { description: known.description }),
      ...(values.length === 0 ? {} : { picklistValues: values }),
    });
  });
  return { fields: Object.values(meta.fields).map((f) => described.get(f.name) ?? packagedField(f)), restOnly };
}

/** The `/userDefinedFields` answer (REST's `Field` model, whose type key is `type`) as snapshot UDFs. */
function entityUdfs(answer: unknown, path: string): SnapshotUdf[] {
  return asArray(asRecord(answer, path)['fields'], `${path}.fields`).map((item, i) => {
    const p = `${path}.fields[${i}]`;
    const r = asRecord(item, p);
    const name = str(r, 'name', p);
    if (name === '') throw new RecordError(`${p}.name`, 'is empty');
    const defaultValue = optStr(r, 'defaultValue', p);
    const description = optStr(r, 'description', p);
    const values = picklistValues(r, p);
    return {
      name,
      label: optStr(r, 'label', p) ?? name,
      type: fieldType(r, 'type', p),
      length: length(r, p),
      required: bool(r, 'isRequired', p),
      readOnly: bool(r, 'isReadOnly', p),
      queryable: bool(r, 'isQueryable', p),
      picklist: bool(r, 'isPickList', p),
      ...(defaultValue === undefined ? {} : { defaultValue }),
      ...(description === undefined ? {} : { description }),
      ...(values.length === 0 ? {} : { picklistValues: values }),
    };
  });
}

/**
 * Pulls the tenant's metadata over REST into the records a SOAP pull makes, under the SOAP names.
 *
 * @example const pulled = await pullRestMetadata({ apiVersion: '1.6', known, credentials, integrationCode });
 */
export async function pullRestMetadata(options: RestPullOptions): Promise<RestPullResult> {
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  const { username, password } = options.credentials;
  const redactor = Redactor.of({ username, password, integrationCode: options.integrationCode });
  const model = options.known.restModel;
  const progress = options.progress;

  /** A GET read as JSON: 200 is the value; 401/403 the client's AuthenticationError; anything else an error naming the call and quoting the API's words. */
  const getJson = async (url: string, operation: string, login: boolean): Promise<unknown> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (login) Object.assign(headers, { UserName: username, Secret: password, ApiIntegrationCode: options.integrationCode });
    const answer = await boundedRequest(url, { method: 'GET', headers, what: operation, answer: 'json' }, limits);
    const label = publicLocation(url);
    if (login && (answer.status === 401 || answer.status === 403)) {
      throw new AuthenticationError(`${operation}: Autotask refused the credentials of user "${username}" (HTTP ${answer.status})`, answer.status);
    }
    let body: unknown;
    try {
      body = answer.text.trim() === '' ? undefined : JSON.parse(answer.text);
    } catch {
      body = undefined;
      if (answer.status === 200) {
        throw new CodegenError(label, `${operation}: the answer is not JSON: ${JSON.stringify(redactor.quote(answer.text, 200, '...'))}`);
      }
    }
    if (answer.status === 200) return body;
    const messages = errorMessages(body);
    if (messages.length > 0) throw new CodegenError(label, `${operation}: HTTP ${answer.status}: ${redactor.quote(messages.join('; '), 500, '...')}`);
    const bodyStart = redactor.quote(answer.text, 200);
    const contentType = String(answer.headers['content-type'] ?? '') || 'no content type';
    throw new TransportError(`${operation}: unexpected HTTP ${answer.status} answer (${contentType}): ${JSON.stringify(bodyStart)}`, {
      operation,
      status: answer.status,
      bodyStart,
    });
  };

  let base: string;
  if (options.url !== undefined) {
    base = restVersionedBase(options.url, model.versionSegment);
  } else {
    const discovery = new URL(options.discoveryUrl ?? DEFAULT_REST_DISCOVERY_URL);
    discovery.searchParams.set('user', username);
    progress?.step(`asking ${publicLocation(discovery.href)} for the zone of "${username}"`);
    let zone: unknown;
    try {
      zone = await getJson(discovery.href, 'zoneInformation', false);
    } catch (error) {
      // An unknown user: HTTP 500 {"errors":["Zone information could not be determined"]} (apigrate/autotask-restapi issue 19).
      if (error instanceof CodegenError && / HTTP 5\d\d: /.test(error.message)) throw new ZoneNotFoundError(username, undefined);
      throw error;
    }
    const url = (zone as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url.trim())) throw new ZoneNotFoundError(username, undefined);
    base = restVersionedBase(url.trim(), model.versionSegment);
  }
  const label = publicLocation(base);
  progress?.step(`connecting to ${label}`);

  const packaged = Object.values(options.known.metadata.entities);
  const overRest = packaged.filter((meta) => {
    const methods = restEntity(model, meta.name)?.collection?.methods ?? [];
    return methods.includes('entityInformation') && methods.includes('entityInformationFields');
  });
  const notOverRest = packaged.filter((meta) => !overRest.includes(meta)).map((meta) => meta.name);
  const pulled = new Map<string, MetadataEntity>();
  const restOnly: string[] = [];

  const readEntity = async (meta: EntityMeta): Promise<void> => {
    const rest = restEntity(model, meta.name) as RestEntity;
    const collection = (rest.collection as NonNullable<RestEntity['collection']>).name;
    const at = (tail: string): string => `${base}${collection}/${tail}`;
    const infoPath = `${collection}/entityInformation`;
    const info = asRecord(asRecord(await getJson(at('entityInformation'), 'getEntityInfo', true), infoPath)['info'], `${infoPath}.info`);
    const fieldsPath = `${collection}/entityInformation/fields`;
    const { fields, restOnly: extra } = entityFields(
      await getJson(at('entityInformation/fields'), 'GetFieldInfo', true),
      meta,
      rest,
      options,
      fieldsPath,
    );
    restOnly.push(...extra.map((name) => `${collection}.${name}`));
    // SOAP's flag says the entity type takes UDFs; REST's may say only that this tenant defined some
    // (not documented either way): the entity has them when either says so and its REST model carries them.
    const hasUserDefinedFields = bool(info, 'hasUserDefinedFields', `${infoPath}.info`) || (meta.hasUserDefinedFields && rest.userDefinedFields);
    // REST answers 404 for the UDFs of an entity that carries none (n8n-nodes-autotask): asked only where it has them.
    const askUdfs = hasUserDefinedFields && (rest.collection?.methods.includes('entityInformationUdfs') ?? false);
    const udfPath = `${collection}/entityInformation/userDefinedFields`;
    const udfs = askUdfs ? entityUdfs(await getJson(at('entityInformation/userDefinedFields'), 'getUDFInfo', true), udfPath) : undefined;
    const p = `${infoPath}.info`;
    pulled.set(meta.name, {
      name: meta.name,
      canCreate: bool(info, 'canCreate', p),
      canUpdate: bool(info, 'canUpdate', p),
      canDelete: bool(info, 'canDelete', p),
      canQuery: bool(info, 'canQuery', p),
      hasUserDefinedFields,
      fields,
      ...(udfs === undefined ? {} : { udfs }),
    });
    progress?.entities(pulled.size, overRest.length);
  };

  try {
    if (overRest.length === 0) throw new CodegenError(label, 'the REST model maps no entity of this version to a REST collection');
    // One entity first: a refused login ends the pull after one request.
    await readEntity(overRest[0] as EntityMeta);
    let next = 1;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < overRest.length; i = next++) await readEntity(overRest[i] as EntityMeta);
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } catch (error) {
    if (error instanceof RecordError) throw new CodegenError(label, `unexpected answer: ${redactor.quote(error.message, 500)}`, { cause: error });
    throw error;
  }
  progress?.step(
    `fields: ${pulled.size} of ${overRest.length} entities done; ${notOverRest.length} without a REST collection taken as the package has them; ${restOnly.length} REST-only fields left out`,
  );
  const entities = packaged.map((meta) => pulled.get(meta.name) ?? { ...meta, fields: Object.values(meta.fields).map(packagedField) });
  return { metadata: { version: `REST ${model.versionSegment}`, entities }, label, notOverRest };
}

/** `{"errors": ["..."]}` strings (or `{message}` objects), or an ASP.NET `{"Message": "..."}`. */
function errorMessages(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const record = body as { errors?: unknown; Message?: unknown; message?: unknown };
  if (Array.isArray(record.errors)) {
    return record.errors.map((e) =>
      typeof e === 'string'
        ? e
        : typeof (e as { message?: unknown } | null)?.message === 'string'
          ? (e as { message: string }).message
          : JSON.stringify(e),
    );
  }
  const message = record.Message ?? record.message;
  return typeof message === 'string' ? [message] : [];
}
