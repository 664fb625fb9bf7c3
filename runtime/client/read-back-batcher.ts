/**
 * The read-backs of one action gathered into few queries. Where a write call carries one entity
 * (REST), a read-back per call would cost one query per entity written, against the same hourly
 * threshold and thread limit as the writes. Here a read-back waits while other writes of the action
 * are in flight (their read-backs will join it) or while a read-back of its type is in flight, and
 * the waiting ones then go out together, up to `maxIds` ids a query. Each caller gets exactly the
 * entities of the ids it asked for, or the failure of the query that carried them (read-back.ts
 * then keeps the write confirmed and says the read-back failed).
 *
 * Nothing waits for ever: the last write of the action to end sends what is waiting, and a batch
 * that reaches `maxIds` goes without waiting for the writes.
 */
import type { EntityBase } from '../entity/entity-base.js';
import type { FetchByIds } from './read-back.js';

interface Waiting {
  readonly ids: readonly number[];
  readonly resolve: (found: readonly EntityBase[]) => void;
  readonly reject: (reason: unknown) => void;
}

interface TypeQueue {
  inFlight: boolean;
  readonly waiting: Waiting[];
}

const idOf = (entity: EntityBase): number | undefined => (entity as { id?: number }).id;

export class ReadBackBatcher {
  readonly #fetch: FetchByIds;
  readonly #maxIds: number;
  readonly #queues = new Map<string, TypeQueue>();
  #writesInFlight = 0;

  constructor(fetch: FetchByIds, maxIds: number) {
    this.#fetch = fetch;
    this.#maxIds = maxIds;
  }

  /** Around each write call of the action, so that read-backs know whether more are coming. */
  writeStarted(): void {
    this.#writesInFlight++;
  }

  writeEnded(): void {
    this.#writesInFlight--;
    // After the ending write's own read-back has joined (it is asked for in the same turn).
    queueMicrotask(() => {
      for (const [entityType, queue] of this.#queues) this.#pump(entityType, queue);
    });
  }

  readonly fetchByIds: FetchByIds = (entityType, ids) =>
    new Promise<readonly EntityBase[]>((resolve, reject) => {
      let queue = this.#queues.get(entityType);
      if (queue === undefined) {
        queue = { inFlight: false, waiting: [] };
        this.#queues.set(entityType, queue);
      }
      queue.waiting.push({ ids, resolve, reject });
      this.#pump(entityType, queue);
    });

  #pump(entityType: string, queue: TypeQueue): void {
    if (queue.inFlight || queue.waiting.length === 0) return;
    const waitingIds = new Set(queue.waiting.flatMap((w) => w.ids));
    if (this.#writesInFlight > 0 && waitingIds.size < this.#maxIds) return;
    const batch: Waiting[] = [];
    const ids = new Set<number>();
    // Whole callers only: a caller's ids are never split over two queries.
    while (queue.waiting.length > 0) {
      const next = queue.waiting[0] as Waiting;
      const added = next.ids.filter((id) => !ids.has(id)).length;
      if (batch.length > 0 && ids.size + added > this.#maxIds) break;
      queue.waiting.shift();
      batch.push(next);
      for (const id of next.ids) ids.add(id);
    }
    queue.inFlight = true;
    void this.#fetch(entityType, [...ids])
      .then(
        (found) => {
          const byId = new Map<number, EntityBase>();
          for (const entity of found) {
            const id = idOf(entity);
            if (id !== undefined) byId.set(id, entity);
          }
          for (const caller of batch) {
            caller.resolve(caller.ids.map((id) => byId.get(id)).filter((entity): entity is EntityBase => entity !== undefined));
          }
        },
        (reason: unknown) => {
          for (const caller of batch) caller.reject(reason);
        },
      )
      .finally(() => {
        queue.inFlight = false;
        this.#pump(entityType, queue);
      });
  }
}
