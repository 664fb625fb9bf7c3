/**
 * The API's documented limits, declared once: the client pages and batches by them, the simulator
 * enforces them. Sources are in simulator/README.md's decisions table.
 */

/** ATWS returns at most this many entities from one query() (query() page; "Batching of SOAP API calls"). */
export const QUERY_PAGE_SIZE = 500;

/** ATWS takes at most this many entities per create(), update() or delete() call (same pages). */
export const MAX_ENTITIES_PER_WRITE = 200;

/** "You can include up to 500 OR conditions in a single call" (SOAP thresholds page). */
export const MAX_OR_CONDITIONS = 500;

/**
 * Distinct UDFs one query may name: the query() page gives 5 for "C# implemented entities" and 1
 * for "VB entities" without saying which entities are which; every entity is taken as C# here.
 */
export const MAX_DISTINCT_UDFS = 5;

/**
 * Simultaneous requests per object endpoint and tracking identifier (integration code): three for
 * integrations made since 2023.1 ("API thread limiting" page). The client queues inside it; the
 * simulator refuses the fourth.
 */
export const THREAD_LIMIT = 3;

/** Requests a database may make in a rolling window before the API refuses ("API thresholds and limits" page). */
export const REQUEST_THRESHOLD = 10_000;

/** The rolling window of {@link REQUEST_THRESHOLD}, in minutes (what getThresholdAndUsageInfo calls TimeframeOfLimitation). */
export const THRESHOLD_WINDOW_MINUTES = 60;

/**
 * Production's refusal past the thread limit: "Thread Threshold Exceeded ... The Autotask API
 * thread threshold of 3 threads has been exceeded" (reported from production in
 * msoukhomlinov/n8n-nodes-autotask pull requests #107 and #110, issue #4); the endpoint part is ours.
 */
export function threadLimitMessage(limit: number, endpoint: string): string {
  return (
    `Thread Threshold Exceeded: The Autotask API thread threshold of ${limit} threads has been exceeded ` +
    `(object endpoint ${endpoint}). Wait for a request in flight to finish before sending another.`
  );
}

/** Recognises {@link threadLimitMessage}'s refusal, whatever the endpoint and limit. */
export const THREAD_LIMIT_REFUSAL = /thread threshold exceeded/i;

/** The refusal past the request threshold, carrying the figures getThresholdAndUsageInfo reports. */
export function thresholdExceededMessage(threshold: number, count: number): string {
  return (
    `Request threshold exceeded: ThresholdOfExternalRequest: ${threshold}; ` +
    `TimeframeOfLimitation: ${THRESHOLD_WINDOW_MINUTES}; numberOfExternalRequest: ${count};`
  );
}

/** Recognises {@link thresholdExceededMessage}'s refusal. */
export const THRESHOLD_REFUSAL = /request threshold exceeded|ThresholdOfExternalRequest/i;
