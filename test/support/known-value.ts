/**
 * A picklist value known by number (the simulator's seeded ids: Ticket Status 1 New, 5 Complete,
 * ...), assignable to any picklist field: what a program gets from `at.picklist()`, spelt directly
 * where a test needs a fixed id.
 *
 * @example
 * at.new('Ticket', { ..., Priority: known(2), Status: known(1) });
 */
import type { ChildPicklistValue } from '../../runtime/index.js';

// `any` brands: the one place a plain number is let into any picklist field.
export function known(value: number): ChildPicklistValue<any, any> {
  return value as ChildPicklistValue<never, never>;
}
