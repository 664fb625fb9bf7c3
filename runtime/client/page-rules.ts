/**
 * What one query answer (a page) must satisfy before any of it is believed, whatever the wire:
 * every entity is of the type asked for, every id is an integer, the ids rise strictly
 * (ATWS answers in ascending id order, and paging goes on from the last id), and every id meets
 * the id bounds the query itself sets at its top level (`id > <last id>` of paging, a partition's
 * `id <= <high end>`). An answer that breaks one is a misbehaving server: taken at its word it would
 * yield Accounts typed as Tickets, duplicates across pages, or page (and probe) forever.
 */
import type { QueryNode, QueryTree } from '../protocol/query/query-tree.js';
import { ApiError } from './transport/api-error.js';

/** The error of a server that answered a query wrongly; not retried, as asking again would get the same. */
export function misbehaviour(entity: string, what: string): ApiError {
  return new ApiError(`query ${entity}: the server misbehaves: ${what}`, { operation: 'query', messages: [] });
}

/** One bound the query puts on every id it may answer. */
interface IdBound {
  readonly text: string;
  readonly holds: (id: number) => boolean;
}

function boundOf(op: string, value: unknown): IdBound | undefined {
  const v = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : undefined;
  if (v === undefined) return undefined;
  switch (op) {
    case 'GreaterThan':
      return { text: `id > ${v}`, holds: (id) => id > v };
    case 'GreaterThanOrEquals':
      return { text: `id >= ${v}`, holds: (id) => id >= v };
    case 'LessThan':
      return { text: `id < ${v}`, holds: (id) => id < v };
    case 'LessThanOrEquals':
      return { text: `id <= ${v}`, holds: (id) => id <= v };
    case 'Equals':
      return { text: `id = ${v}`, holds: (id) => id === v };
    default:
      return undefined;
  }
}

/**
 * The id bounds every answered entity must meet: those of `id` fields ANDed at the top level of the
 * query. With an OR among the top-level items none is certain, so none is checked.
 */
function idBounds(items: readonly QueryNode[]): IdBound[] {
  if (items.some((item, i) => i > 0 && item.kind === 'condition' && item.operator === 'OR')) return [];
  const bounds: IdBound[] = [];
  for (const item of items) {
    if (item.kind !== 'field' || item.udf || item.name.toLowerCase() !== 'id') continue;
    for (const expression of item.expressions) {
      const bound = boundOf(expression.op, expression.value);
      if (bound !== undefined) bounds.push(bound);
    }
  }
  return bounds;
}

const boundsByTree = new WeakMap<QueryTree, IdBound[]>();

/**
 * Throws the misbehaviour of a page that breaks a rule of the file comment; returns the page.
 *
 * @example
 * const page = checkPage(tree, await transport.query(tree, decode));
 */
export function checkPage<T extends object>(tree: QueryTree, page: T[]): T[] {
  let bounds = boundsByTree.get(tree);
  if (bounds === undefined) {
    bounds = idBounds(tree.root.items);
    boundsByTree.set(tree, bounds);
  }
  let previous: number | undefined;
  for (let i = 0; i < page.length; i++) {
    const entity = page[i] as { readonly id?: unknown; readonly entityName?: unknown };
    const type = entity.entityName;
    if (type !== undefined && type !== tree.entity) {
      throw misbehaviour(
        tree.entity,
        `a query of ${tree.entity} was answered with a ${String(type)} (entity ${i + 1} of the page); the answer is refused`,
      );
    }
    const id = entity.id;
    // Not positive only: the owner Account is id 0.
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      throw misbehaviour(
        tree.entity,
        `entity ${i + 1} of the page has id ${JSON.stringify(id) ?? 'none'}, not an integer, so paging cannot go on from it`,
      );
    }
    if (previous !== undefined && id <= previous) {
      throw misbehaviour(
        tree.entity,
        `the page's ids do not rise: id ${id} comes after id ${previous} (ATWS answers in ascending id order, each entity once); the answer is refused`,
      );
    }
    for (const bound of bounds) {
      if (!bound.holds(id)) {
        throw misbehaviour(
          tree.entity,
          `the page holds id ${id}, which the query's condition ${bound.text} excludes: the server ignored it, and paging on would never end`,
        );
      }
    }
    previous = id;
  }
  return page;
}
