/**
 * Which fields and UDFs an entity in an answer carries, and how, as Autotask documents and
 * answers it:
 * - "If the field is of a nullable data type and the value is null, then the field is not returned
 *   in the response. String fields in the API are not nullable and will always be returned"
 *   (API return values page): a string field with no value comes as an empty element;
 * - "if all UDF values for an entity are NULL, then no UDFs are returned; if any UDF has a value,
 *   then all UDFs are returned" (query() page);
 * - decimals come with four fraction digits (`175.0000`), as captured real answers show them.
 */
import type { EntityMeta, FieldValue } from 'atws/protocol';
import type { EntityRecord } from 'atws/protocol/soap';
import { decimalText } from '../tenant/decimal-text.js';
import type { UdfDefinition } from '../tenant/picklist-types.js';
import type { StoredEntity } from '../tenant/store.js';

/** Per entity type, its string fields and its decimal fields (`id` aside), listed once. */
interface ShapePlan {
  readonly strings: readonly string[];
  readonly decimals: readonly string[];
}
const plans = new WeakMap<EntityMeta, ShapePlan>();

function planOf(meta: EntityMeta): ShapePlan {
  let plan = plans.get(meta);
  if (plan === undefined) {
    const fields = Object.values(meta.fields).filter((f) => f.name !== 'id');
    plan = {
      strings: fields.filter((f) => f.type === 'string').map((f) => f.name),
      decimals: fields.filter((f) => f.type === 'decimal').map((f) => f.name),
    };
    plans.set(meta, plan);
  }
  return plan;
}

/** Fraction digits the API's decimals are answered with. */
export const DECIMAL_PLACES = 4;

/**
 * A stored decimal as the API answers it: at least four fraction digits (`175` -> `175.0000`,
 * `.5` -> `0.5000`). A value stored with more digits keeps them: the tenant keeps what was sent.
 */
export function answeredDecimal(value: string | number): string {
  const text = typeof value === 'number' ? decimalText(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign === '-' ? '-' : ''}${whole === '' ? '0' : whole}.${fraction.padEnd(DECIMAL_PLACES, '0')}`;
}

export function answerShape(
  meta: EntityMeta,
  values: Readonly<Record<string, FieldValue>>,
  udfDefinitions: readonly UdfDefinition[],
  record: Pick<StoredEntity, 'id' | 'udfs'>,
): EntityRecord {
  const plan = planOf(meta);
  let answered: Record<string, FieldValue> | undefined;
  for (const name of plan.strings) {
    if (values[name] !== undefined) continue;
    answered ??= { ...values };
    answered[name] = '';
  }
  for (const name of plan.decimals) {
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    answered ??= { ...values };
    answered[name] = answeredDecimal(value);
  }
  const anyUdf =
    meta.hasUserDefinedFields &&
    udfDefinitions.some((u) => {
      const value = record.udfs?.get(u.name);
      return value !== undefined && value !== '';
    });
  const udfs = anyUdf ? udfDefinitions.map((u): readonly [string, string | null] => [u.name, record.udfs?.get(u.name) ?? null]) : undefined;
  return { id: record.id, values: answered ?? values, ...(udfs === undefined ? {} : { udfs }) };
}
