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
