/**
 * Thread limiting as Autotask's "API thread limiting" page describes it: the limit applies to each
 * pair of API tracking identifier and object endpoint, three simultaneous requests for
 * integrations made since 2023.1; ZoneInformation requests are exempt. A request past the limit is
 * refused, not queued: production answers it "Thread Threshold Exceeded ... The Autotask API
 * thread threshold of 3 threads has been exceeded" (reported from production in
 * msoukhomlinov/n8n-nodes-autotask pull requests #107 and #110, issue #4: "up to 3 ... working
 * fine. Once there's 4 or more it errors"). The SOAP form of that refusal is a SOAP Fault (our choice).
 */
import { threadEndpoint, THREAD_LIMIT } from 'atws/protocol';
import { childElement, childElements, childText, xsiType, type XmlElement } from 'atws/protocol/soap';

export const DEFAULT_THREAD_LIMIT = THREAD_LIMIT;
export { threadLimitMessage } from 'atws/protocol';

/** Requests in flight per key (tracking identifier + object endpoint). */
export class ThreadLimiter {
  private readonly inFlight = new Map<string, number>();
  /**
   * `limit` 0 means unlimited. `peak` records the most ever in flight at once per key, for tests
   * and benchmarks.
   */
  constructor(
    readonly limit: number,
    readonly peak: Map<string, number> = new Map(),
  ) {}

  /** Takes a slot; false when the key already has `limit` requests in flight. */
  tryAcquire(key: string): boolean {
    const now = this.inFlight.get(key) ?? 0;
    if (this.limit > 0 && now >= this.limit) return false;
    this.inFlight.set(key, now + 1);
    if (now + 1 > (this.peak.get(key) ?? 0)) this.peak.set(key, now + 1);
    return true;
  }

  release(key: string): void {
    const now = this.inFlight.get(key) ?? 0;
    if (now <= 1) this.inFlight.delete(key);
    else this.inFlight.set(key, now - 1);
  }
}


// The entity a query names, read without parsing the queryxml twice (the operation parses it).
const QUERY_ENTITY = /<entity\b[^>]*>\s*(?:<!\[CDATA\[)?\s*([^<\]\s]*)/i;

/**
 * The object endpoint a SOAP request counts against: the entity type of query/create/update/
 * delete/GetFieldInfo/getUDFInfo (as the REST API's per-entity endpoints, where the field info of
 * Tickets counts with Tickets), AttachmentInfo for the attachment calls, Invoice for
 * GetInvoiceMarkup, and the operation's own name for the rest (ThresholdInformation is an
 * endpoint of its own, not exempt). Entity names are compared without regard to case.
 */
export function objectEndpoint(operation: string, request: XmlElement): string {
  const endpoint = threadEndpoint(operation, (parameter) => {
    switch (parameter) {
      case 'queryEntity':
        return QUERY_ENTITY.exec(childText(request, 'sXML') ?? '')?.[1];
      case 'entityType': {
        const list = childElement(request, 'Entities');
        const first = list && childElements(list, 'Entity')[0];
        return first && xsiType(first);
      }
      default:
        return childText(request, parameter);
    }
  });
  // getZoneInfo is exempt from the limit, and the router never asks for its endpoint.
  return endpoint ?? operation.toLowerCase();
}
