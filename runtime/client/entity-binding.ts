/**
 * What an entity object bound to a connection does (`ticket.create()`, `update()`, `reload()`,
 * `delete()`): the connection's own action of one entity, the object updated in place. A single
 * object gets the failure itself: bad usage (an object not read from the API sent to update, a
 * value of the wrong type) as a UsageError before any request, a transport or authentication error
 * as it is, neither wrapped in the ApiError of a batch.
 */
import { AtwsError, UsageError } from '../protocol/errors.js';
import { ApiError } from './transport/api-error.js';
import type { EntityBase, EntityBinding } from '../entity/entity-base.js';
import type { ActionCursor } from './action-cursor.js';
import { copyEntityInto } from './entity-codec.js';
import type { WriteOperation } from './transport/transport.js';

/** The connection's side of a binding. */
export interface BoundConnection {
  /** The action of one entity (`at.create(entity)`, ...). */
  write(operation: WriteOperation, entity: EntityBase): ActionCursor<EntityBase>;
  /** Throws the UsageError of an entity that cannot be sent to `operation`, before any request. */
  check(operation: WriteOperation, entity: EntityBase): void;
  /** One entity by id, as stored; undefined when there is none. */
  fetchById(entityType: string, id: number): Promise<EntityBase | undefined>;
}

/** For one entity, a transport or authentication failure is clearer as itself than wrapped in an ApiError. */
export async function single<R>(pending: Promise<R>): Promise<R> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ApiError && error.cause instanceof AtwsError) throw error.cause;
    throw error;
  }
}

function applyOne(target: EntityBase, result: EntityBase | undefined, operation: string): void {
  if (result === undefined) {
    throw new ApiError(`${target.entityName}.${operation}(): Autotask returned no entity`, { operation, messages: [] });
  }
  // The cursor yields the object sent, already filled from what was stored.
  if (result !== target) copyEntityInto(target, result);
}

/** The binding entity objects of a connection get. */
export function entityBinding(connection: BoundConnection): EntityBinding {
  const one = async (operation: 'create' | 'update', entity: EntityBase): Promise<void> => {
    connection.check(operation, entity);
    applyOne(entity, await single(connection.write(operation, entity).fetchOne()), operation);
  };
  return {
    create: (entity) => one('create', entity),
    update: (entity) => one('update', entity),
    reload: async (entity) => {
      const id = (entity as { id?: number }).id;
      if (typeof id !== 'number') throw new UsageError(`${entity.entityName}.reload(): the object has no id yet; create it first`);
      const fresh = await connection.fetchById(entity.entityName, id);
      if (fresh === undefined) {
        throw new ApiError(`${entity.entityName} ${id} no longer exists`, { operation: 'query', messages: [] });
      }
      copyEntityInto(entity, fresh);
    },
    delete: async (entity) => {
      connection.check('delete', entity);
      await single(connection.write('delete', entity).execute());
    },
  };
}
