/**
 * Raw SOAP over HTTP for the simulator's integration tests: envelopes written by hand (as a
 * generic SOAP stack would), sent with fetch, answers read back with the core XML tree.
 */
import { childElement, childElements, childText, parseXml, type XmlElement } from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { SIMULATOR_DEFAULTS, type RunningSimulator } from '../../../simulator/index.js';
import { writeEntityXml } from '../../../runtime/protocol/soap/xml/entity-writer.js';
import type { FieldValue } from '../../../runtime/protocol/metadata.js';

export const NS = { '1.5': 'http://autotask.net/ATWS/v1_5/', '1.6': 'http://autotask.net/ATWS/v1_6/' } as const;

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function basicAuth(username: string = SIMULATOR_DEFAULTS.username, password: string = SIMULATOR_DEFAULTS.password): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export function envelope(body: string, header = ''): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    (header ? `<soap:Header>${header}</soap:Header>` : '') +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export function integrationHeader(code: string = SIMULATOR_DEFAULTS.integrationCode, version: '1.5' | '1.6' = '1.6'): string {
  return `<AutotaskIntegrations xmlns="${NS[version]}"><IntegrationCode>${xmlEscape(code)}</IntegrationCode></AutotaskIntegrations>`;
}

export interface CallOptions {
  version?: '1.5' | '1.6';
  auth?: string | null;
  header?: string;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

export async function post(sim: RunningSimulator, xml: string, options: CallOptions = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8' };
  const auth = options.auth === undefined ? basicAuth() : options.auth;
  if (auth !== null) headers['Authorization'] = auth;
  const response = await fetch(sim.asmxUrl(options.version ?? '1.6'), { method: 'POST', headers, body: xml });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Calls an operation: `body` is the operation element's content. */
export async function call(sim: RunningSimulator, operation: string, body: string, options: CallOptions = {}): Promise<RawAnswer> {
  const version = options.version ?? '1.6';
  const header = options.header ?? integrationHeader(undefined, version);
  return post(sim, envelope(`<${operation} xmlns="${NS[version]}">${body}</${operation}>`, header), options);
}

/** The result element of a successful answer. */
export function resultOf(answer: RawAnswer, resultElement: string): XmlElement {
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 400)}`);
  const body = childElement(parseXml(answer.text), 'Body');
  const response = body?.children[0];
  const result = response && childElement(response, resultElement);
  if (!result) throw new Error(`no <${resultElement}> in ${answer.text.slice(0, 400)}`);
  return result;
}

/** The faultstring of a SOAP Fault answer. */
export function faultOf(answer: RawAnswer): string {
  const body = childElement(parseXml(answer.text), 'Body');
  const fault = body && childElement(body, 'Fault');
  if (!fault) throw new Error(`not a SOAP Fault (HTTP ${answer.status}): ${answer.text.slice(0, 400)}`);
  return childText(fault, 'faultstring') ?? '';
}

export interface AtwsResult {
  returnCode: number;
  entities: XmlElement[];
  entityResultType: string | undefined;
  errors: string[];
  returnInfos: Array<{ id: number; action: string; message: string }>;
}

export function atwsResult(answer: RawAnswer, resultElement: string): AtwsResult {
  const result = resultOf(answer, resultElement);
  const list = childElement(result, 'EntityResults');
  const errors = childElement(result, 'Errors');
  const infos = childElement(result, 'EntityReturnInfoResults');
  return {
    returnCode: Number(childText(result, 'ReturnCode')),
    entities: list ? childElements(list, 'Entity') : [],
    entityResultType: childText(result, 'EntityResultType'),
    errors: errors ? childElements(errors, 'ATWSError').map((e) => childText(e, 'Message') ?? '') : [],
    returnInfos: infos
      ? childElements(infos, 'EntityReturnInfo').map((i) => ({
          id: Number(childText(i, 'EntityId')),
          action: childText(i, 'DatabaseAction') ?? '',
          message: childText(i, 'Message') ?? '',
        }))
      : [],
  };
}

/** Runs a queryxml query. */
export async function query(sim: RunningSimulator, queryXml: string, options: CallOptions = {}): Promise<AtwsResult> {
  return atwsResult(await call(sim, 'query', `<sXML>${xmlEscape(queryXml)}</sXML>`, options), 'queryResult');
}

/** `<queryxml>` of an entity around the content of `<query>`. */
export function qx(entity: string, content: string): string {
  return `<queryxml><entity>${entity}</entity><query>${content}</query></queryxml>`;
}

/** One `<field>` with one expression. */
export function f(name: string, op: string, value?: string, udf = false): string {
  const v = value === undefined ? '' : xmlEscape(value);
  return `<field${udf ? ' udf="true"' : ''}>${name}<expression op="${op}">${v}</expression></field>`;
}

export function ids(result: AtwsResult): number[] {
  return result.entities.map((e) => Number(childText(e, 'id')));
}

export function fieldText(entity: XmlElement, name: string): string | undefined {
  return childText(entity, name);
}

export function udfValue(entity: XmlElement, name: string): string | undefined {
  const list = childElement(entity, 'UserDefinedFields');
  const udf = list && childElements(list, 'UserDefinedField').find((u) => childText(u, 'Name') === name);
  return udf ? childText(udf, 'Value') : undefined;
}

/** `<Entity xsi:type="T">` with the given fields (raw text), for create/update/delete. */
export function entity(type: string, fields: Record<string, string | number>, udfs: Record<string, string> = {}): string {
  const udfXml = Object.entries(udfs)
    .map(([n, v]) => `<UserDefinedField><Name>${xmlEscape(n)}</Name><Value>${xmlEscape(v)}</Value></UserDefinedField>`)
    .join('');
  const body = Object.entries(fields)
    .map(([n, v]) => (n === 'id' ? `<id>${v}</id>` : `<${n}>${xmlEscape(String(v))}</${n}>`))
    .join('');
  const id = body.match(/^<id>.*?<\/id>/)?.[0] ?? '';
  return `<Entity xsi:type="${type}">${id}${udfXml ? `<UserDefinedFields>${udfXml}</UserDefinedFields>` : ''}${body.slice(id.length)}</Entity>`;
}

export async function mutate(
  sim: RunningSimulator,
  operation: 'create' | 'update' | 'delete',
  entities: string[],
  options: CallOptions = {},
): Promise<AtwsResult> {
  return atwsResult(await call(sim, operation, `<Entities>${entities.join('')}</Entities>`, options), `${operation}Result`);
}

/**
 * `<Entity>` holding every writable field and UDF the store has for a record, `changes` applied
 * (null clears one): what a client sends to update() without clearing what it does not change.
 */
export function storedEntity(
  sim: RunningSimulator,
  type: string,
  id: number,
  changes: Record<string, FieldValue | null> = {},
  udfChanges: Record<string, string | null> = {},
): string {
  const meta = sim.storeSchema.entities[type];
  const record = sim.store.get(type, id);
  if (!meta || !record) throw new Error(`no ${type} ${id} in the store`);
  const values: Record<string, FieldValue | null> = { ...record.values, ...changes };
  const udfs = new Map<string, string | null>(record.udfs ?? []);
  for (const [name, value] of Object.entries(udfChanges)) udfs.set(name, value);
  return writeEntityXml(meta, { id, values, udfs }, { omit: (field) => field.readOnly });
}
