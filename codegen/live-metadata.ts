/**
 * A live metadata pull: `getEntityInfo`, then `GetFieldInfo` per entity (picklist values
 * included) and `getUDFInfo` per entity that has user-defined fields, through the `soap`
 * package's client (a one-off, so its speed does not matter). Credentials and the integration
 * code go to the server only; they never appear in errors or in the snapshot.
 */
import soap from 'soap';
import { asRecord, entityInfoFromApi, fieldFromApi, RecordError, udfFromApi, type MetadataEntity, type MetadataSet } from './api-records.js';
import { CodegenError } from './codegen-error.js';
import { AuthenticationError, Redactor, TransportError } from 'atws/protocol';
import type { PullProgressSink } from './pull-progress.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './bounded-http.js';
import { boundedSoapHttpClient } from './soap-http.js';
import { publicLocation } from './location.js';
import type { HttpCredentials } from './wsdl-source.js';

export interface LiveOptions {
  /** The ATWS endpoint (its `atws.asmx`). */
  readonly endpoint: string;
  /** The WSDL (file or URL) the client is built from. */
  readonly wsdl: string;
  readonly credentials?: HttpCredentials;
  readonly integrationCode?: string;
  /** How many GetFieldInfo/getUDFInfo calls run at once. */
  readonly concurrency?: number;
  /** Told of each step and of each entity done (`atws codegen pull` shows it on stderr). */
  readonly progress?: PullProgressSink;
  /** Timeout and size limit of every request (the WSDL read and each call); codegen/bounded-http.ts's defaults when absent. */
  readonly limits?: HttpLimits;
}

type SoapMethod = (args: object) => Promise<[unknown, ...unknown[]]>;

/** soap's answer for a list: absent when empty, an object when one, an array when several. */
function listOf(container: unknown, key: string, path: string): unknown[] {
  if (container === undefined || container === null || container === '') return [];
  const value = asRecord(container, path)[key];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export async function pullLiveMetadata(options: LiveOptions): Promise<{ metadata: MetadataSet; label: string }> {
  const label = publicLocation(options.endpoint);
  const redactor = Redactor.of({
    username: options.credentials?.username,
    password: options.credentials?.password,
    integrationCode: options.integrationCode,
  });
  const fail = (what: string, cause: unknown): never => {
    // The bounded HTTP client's errors (timeout, size, malformed answer) name the URL and the call already.
    if (cause instanceof CodegenError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new CodegenError(label, `${what} failed: ${redactor.quote(message, 500)}`);
  };
  /**
   * An operation's failure in the client's words and classes: a refused login is the client's
   * AuthenticationError, an HTTP error answer that is not SOAP its TransportError (the `soap`
   * package reports both as "Cannot parse response", its answer attached); anything else names
   * the operation. The `soap` error is not kept as the cause: its request carries the login.
   */
  const failCall = (operation: string, cause: unknown): never => {
    const answer = (cause as { response?: { status?: unknown; headers?: Record<string, unknown> }; body?: unknown } | null)?.response;
    const status = typeof answer?.status === 'number' ? answer.status : undefined;
    if (status === 401 || status === 403) {
      const user = options.credentials === undefined ? '' : ` of user "${options.credentials.username}"`;
      throw new AuthenticationError(`${operation}: Autotask refused the credentials${user} (HTTP ${status})`, status);
    }
    if (status !== undefined && status >= 400) {
      const body = (cause as { body?: unknown }).body;
      const bodyStart = redactor.quote(typeof body === 'string' ? body : '', 200);
      const contentType = String(answer?.headers?.['content-type'] ?? '') || 'no content type';
      throw new TransportError(`${operation}: unexpected HTTP ${status} answer (${contentType}): ${JSON.stringify(bodyStart)}`, {
        operation,
        status,
        bodyStart,
      });
    }
    return fail(operation, cause);
  };

  const clientOptions: soap.IOptions = { httpClient: boundedSoapHttpClient(options.limits ?? DEFAULT_HTTP_LIMITS) };
  if (options.credentials !== undefined) {
    const basic = `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;
    clientOptions.wsdl_headers = { Authorization: basic };
  }
  const progress = options.progress;
  progress?.step(`connecting to ${label} (WSDL ${publicLocation(options.wsdl)})`);
  let client: soap.Client;
  try {
    client = await soap.createClientAsync(options.wsdl, clientOptions, options.endpoint);
  } catch (cause) {
    return fail(`building a SOAP client from ${publicLocation(options.wsdl)}`, cause);
  }
  if (options.credentials !== undefined) {
    client.setSecurity(new soap.BasicAuthSecurity(options.credentials.username, options.credentials.password));
  }
  const namespace = client.wsdl.definitions.$targetNamespace;
  if (options.integrationCode !== undefined) {
    client.addSoapHeader({ AutotaskIntegrations: { IntegrationCode: options.integrationCode } }, '', 'tns', namespace);
  }
  const call = async (method: string, args: object): Promise<unknown> => {
    const fn = (client as unknown as Record<string, SoapMethod | undefined>)[`${method}Async`];
    if (fn === undefined) throw new CodegenError(publicLocation(options.wsdl), `the WSDL has no operation ${method}`);
    try {
      const [result] = await fn.call(client, args);
      return result;
    } catch (cause) {
      return failCall(method, cause);
    }
  };

  try {
    const infoAnswer = await call('getEntityInfo', {});
    const infos = listOf(asRecord(infoAnswer, 'getEntityInfo')['GetEntityInfoResult'], 'EntityInfo', 'GetEntityInfoResult').map((raw, i) =>
      entityInfoFromApi(raw, `getEntityInfo.EntityInfo[${i}]`),
    );
    if (infos.length === 0) throw new CodegenError(label, 'getEntityInfo returned no entities');
    progress?.step(`getEntityInfo: ${infos.length} entities; reading their fields (GetFieldInfo, getUDFInfo)`);
    let done = 0;
    const entities: MetadataEntity[] = new Array(infos.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < infos.length; i = next++) {
        const info = infos[i]!;
        const fieldAnswer = await call('GetFieldInfo', { psObjectType: info.name });
        const fields = listOf(asRecord(fieldAnswer, 'GetFieldInfo')['GetFieldInfoResult'], 'Field', 'GetFieldInfoResult').map((raw, j) =>
          fieldFromApi(raw, `GetFieldInfo(${info.name}).Field[${j}]`),
        );
        let udfs: MetadataEntity['udfs'];
        if (info.hasUserDefinedFields) {
          const udfAnswer = await call('getUDFInfo', { psTable: info.name });
          udfs = listOf(asRecord(udfAnswer ?? {}, 'getUDFInfo')['getUDFInfoResult'], 'Field', 'getUDFInfoResult').map((raw, j) =>
            udfFromApi(raw, `getUDFInfo(${info.name}).Field[${j}]`),
          );
        }
        entities[i] = { ...info, fields, ...(udfs === undefined ? {} : { udfs }) };
        progress?.entities(++done, infos.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    progress?.step(`fields: ${done} of ${infos.length} entities done`);
    const version = await call('GetWsdlVersion', {}).then(
      (answer) => asRecord(answer ?? {}, 'GetWsdlVersion')['GetWsdlVersionResult'],
      () => undefined,
    );
    return {
      metadata: { version: typeof version === 'string' && version !== '' ? version : `live ${namespace}`, entities },
      label,
    };
  } catch (error) {
    if (error instanceof RecordError) throw new CodegenError(label, `unexpected answer: ${error.message}`, { cause: error });
    throw error;
  }
}
