/**
 * What the HTTP layer exchanges with the transports above it, whatever their wire: a request
 * (method, URL, headers, body), how its answer is to be read (which statuses and content types are
 * the wire's answer, and a streaming reader for it), and the answer. Kept apart from the client
 * and the debug log, which both use these types.
 */

/** Consumes one answer's text as it arrives; a fresh reader is made for every attempt. */
export interface ResponseReader<T> {
  write(chunk: string): void;
  close(): T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  /** Names the request in errors, debug lines and support files: the API operation (`query`, `GetFieldInfo`). */
  readonly operation: string;
  /** Headers safe to show (content type, SOAPAction): they go into the support files. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Headers that carry a secret (the Basic `Authorization`): sent, never shown. Support files list
   * them with the value redacted, so that a file shows the request was authenticated.
   */
  readonly secretHeaders?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * Whether sending the request twice is harmless. Only such requests are retried after a reset, a
   * timeout, a 429 or a 5xx: the first try may have reached the server (a create would be made twice).
   */
  readonly idempotent: boolean;
  /** The user the credentials are of, named when the server refuses them. */
  readonly user?: string | undefined;
}

/** How the transport that made a request reads its answer. */
export interface AnswerHandling<T> {
  /**
   * Whether an answer of this status and content type is the wire's own (a SOAP answer or fault,
   * say), to be streamed into a reader; any other is a TransportError quoting its start.
   */
  accepts(status: number, contentType: string): boolean;
  /** A reader of one attempt's answer. */
  reader(): ResponseReader<T>;
  /** What an accepted answer is, for the error of one that cannot be read: "SOAP". */
  readonly wire: string;
}

export interface HttpAnswer<T> {
  readonly status: number;
  readonly value: T;
  /** How many times the request went out to get this answer (retries included). */
  readonly attempts?: number;
}
