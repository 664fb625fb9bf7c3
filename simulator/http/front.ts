/**
 * How a wire protocol plugs into the simulator's HTTP server: a front claims the paths it serves
 * and turns a request into an answer, calling the tenant service in between. The server does what
 * every front shares: routing by path, body bounds (a caller whose credentials the front did not
 * accept from the headers gets a small body only), injected faults, added latency, and the thread
 * limit per tracking identifier and object endpoint, which the front names from its parsed call.
 * Register a front in index.ts's list; the SOAP front (soap/soap-front.ts) is the model.
 */
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The most a caller whose credentials were not accepted may send: the anonymous calls (SOAP's
 * getZoneInfo envelope) take a few hundred bytes, so 64 KiB leaves room for any SOAP stack's
 * verbosity while a stranger's 10 MB upload is refused before it is read (our choice).
 */
export const MAX_UNAUTHENTICATED_BODY_BYTES = 64 * 1024;

/** A request as far as the server knows it before the body. */
export interface FrontRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  /** This server's base URL as the client reached it (`http://host:port`, from a safe Host header). */
  readonly baseUrl: string;
}

/** An answer as the server sends it. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Further headers (`WWW-Authenticate`, `Allow`, ...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request that needs its body read. */
export interface FrontCall {
  /**
   * Whether the headers carry credentials the tenant accepts. A caller without them may still
   * make the API's anonymous calls (zone discovery), which are small: the server reads at most
   * {@link MAX_UNAUTHENTICATED_BODY_BYTES} of such a body, and answers `unauthenticated()` past
   * that without reading or parsing the rest.
   */
  readonly authenticated: boolean;
  /** The front's answer to a caller whose credentials it does not accept. */
  unauthenticated(): HttpAnswer;
  /** Parses the body, authenticates the caller and counts the request; the call is not run yet. */
  prepare(body: string): PreparedCall;
}

/** The slot a call takes under the thread limit. */
export interface ThreadSlot {
  /** The caller's API tracking identifier (the integration code; the user without one). */
  readonly trackingId: string;
  /** The object endpoint the call counts against (see `threadEndpoint` in atws/protocol). */
  readonly endpoint: string;
}

/** A call read and admitted, ready to run once the server has given it a thread slot. */
export interface PreparedCall {
  /** The operation, when one was recognised (for the request counters). */
  readonly operation?: string;
  /** Its thread slot; undefined when the call is not limited (anonymous, or already refused). */
  readonly slot?: ThreadSlot;
  /** Latency the API adds at the tenant's usage now. */
  readonly usageDelayMs: number;
  /** The front's refusal when the slot's endpoint already has `limit` calls in flight. */
  threadLimited(limit: number): HttpAnswer;
  /** Runs the call against the tenant: the answer to send. */
  run(): HttpAnswer;
}

export type FrontRoute =
  /** Answered from the request line and headers alone (a WSDL, a wrong method): the body is not read. */
  { readonly kind: 'answer'; readonly answer: HttpAnswer } | { readonly kind: 'call'; readonly call: FrontCall };

export interface HttpFront {
  /** Its name in logs. */
  readonly name: string;
  /** Where it serves, for the server's 404 page (e.g. "ATWS lives at /atservices/1.6/atws.asmx ..."). */
  readonly where: string;
  /** The route of a request on one of this front's paths; undefined when the path is not its own. */
  route(request: FrontRequest): FrontRoute | undefined;
}
