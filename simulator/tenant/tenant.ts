/**
 * The simulated tenant: its data, picklists, request counter and the one API user, shared by
 * every request of both API versions.
 */
import type { ApiMetadata } from 'atws/protocol';
import { PicklistCatalog } from './picklists.js';
import type { ResolvedSimulatorOptions } from '../options.js';
import { EntityStore } from './store.js';
import { openSqliteStore } from './sqlite-store.js';
import { seedTenant } from './seed-data.js';
import { UsageWindow } from './usage-window.js';
import { udfsOf } from './udf-definitions.js';
import type { UdfDefinition } from './picklist-types.js';

export interface Tenant {
  readonly store: EntityStore;
  readonly picklists: PicklistCatalog;
  readonly usage: UsageWindow;
  readonly options: ResolvedSimulatorOptions;
  /** Whether this start seeded the data (false when a --db file was reused). */
  readonly seeded: boolean;
  /** The UDFs of an entity type in this tenant, in getUDFInfo order. */
  udfsOf(entity: string): readonly UdfDefinition[];
}

export function openTenant(options: ResolvedSimulatorOptions, schema: ApiMetadata): Tenant {
  const picklists = new PicklistCatalog();
  let store: EntityStore;
  let fresh = true;
  if (options.db !== undefined) {
    ({ store, fresh } = openSqliteStore(options.db, schema));
  } else {
    store = new EntityStore();
  }
  try {
    if (fresh) seedTenant(store, schema, picklists, options.tickets, options.ticketShape);
  } catch (error) {
    store.close();
    throw error;
  }
  const shape = options.ticketShape;
  return { store, picklists, usage: new UsageWindow(options.threshold), options, seeded: fresh, udfsOf: (entity) => udfsOf(entity, shape) };
}
