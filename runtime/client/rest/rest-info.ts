/**
 * REST's metadata answers as the client's plain records ("The entityInformation REST API call"):
 * `{C}/entityInformation/fields` (`dataType`) and `/userDefinedFields` (`type`) as FieldInfo under
 * the SOAP field names, picklist values (strings holding integers, as on SOAP); the global
 * `EntityInformation` as EntityInfo under the SOAP entity names; `ThresholdInformation` as the usage.
 */
import { restEntityByCollection, type RestModel } from '../../protocol/rest/rest-model.js';
import { ApiError } from '../transport/api-error.js';
import type { EntityInfo, FieldInfo, PicklistValueInfo } from '../transport/info-records.js';
import type { ThresholdAndUsage } from '../transport/usage-info.js';

type Json = Record<string, unknown>;

const str = (o: Json, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
};
const bool = (o: Json, key: string): boolean => o[key] === true || o[key] === 'true' || o[key] === 1;
const num = (o: Json, key: string): number | undefined => (typeof o[key] === 'number' ? o[key] : undefined);

function listOf(answer: unknown, key: string, operation: string): Json[] {
  const list = answer !== null && typeof answer === 'object' ? (answer as Json)[key] : undefined;
  if (!Array.isArray(list)) throw new ApiError(`${operation}: the REST answer has no "${key}" list`, { operation, messages: [] });
  return list.filter((x): x is Json => x !== null && typeof x === 'object');
}

function picklistValue(o: Json): PicklistValueInfo {
  return {
    Value: str(o, 'value')?.trim() ?? '',
    Label: typeof o['label'] === 'string' ? o['label'] : '',
    IsDefaultValue: bool(o, 'isDefaultValue'),
    SortOrder: num(o, 'sortOrder'),
    parentValue: str(o, 'parentValue')?.trim(),
    IsActive: o['isActive'] === undefined ? true : bool(o, 'isActive'),
    IsSystem: bool(o, 'isSystem'),
  };
}

/** REST's type names, as SOAP's `GetFieldInfo` spells them. */
function soapType(type: string): string {
  const lower = type.toLowerCase();
  return lower === 'date' || lower === 'date-time' ? 'datetime' : lower;
}

/** The `fields` of an entityInformation/fields or /userDefinedFields answer; names through `soapName`. */
export function readRestFieldInfos(answer: unknown, operation: string, soapName: (rest: string) => string): FieldInfo[] {
  return listOf(answer, 'fields', operation).map((o) => {
    const name = typeof o['name'] === 'string' ? o['name'] : '';
    const values = Array.isArray(o['picklistValues'])
      ? (o['picklistValues'] as unknown[]).filter((x): x is Json => x !== null && typeof x === 'object')
      : [];
    const parent = str(o, 'picklistParentValueField');
    return {
      Name: soapName(name),
      Label: typeof o['label'] === 'string' ? o['label'] : name,
      Type: soapType(str(o, 'dataType') ?? str(o, 'type') ?? ''),
      Length: num(o, 'length') ?? 0,
      Description: str(o, 'description'),
      IsRequired: bool(o, 'isRequired'),
      IsReadOnly: bool(o, 'isReadOnly'),
      IsQueryable: bool(o, 'isQueryable'),
      IsReference: bool(o, 'isReference'),
      ReferenceEntityType: str(o, 'referenceEntityType'),
      IsPickList: bool(o, 'isPickList'),
      PicklistValues: values.map(picklistValue),
      PicklistParentValueField: parent === undefined ? undefined : soapName(parent),
      DefaultValue: str(o, 'defaultValue'),
    };
  });
}

/** The global `EntityInformation` answer, named by SOAP entity where the REST model pairs one. */
export function readRestEntityInfos(answer: unknown, model: RestModel): EntityInfo[] {
  return listOf(answer, 'entityDescriptions', 'getEntityInfo').map((description) => {
    const info = (description['info'] !== null && typeof description['info'] === 'object' ? description['info'] : description) as Json;
    const name = typeof info['name'] === 'string' ? info['name'] : '';
    return {
      Name: restEntityByCollection(model, name)?.entity ?? name,
      CanCreate: bool(info, 'canCreate'),
      CanUpdate: bool(info, 'canUpdate'),
      CanDelete: bool(info, 'canDelete'),
      CanQuery: bool(info, 'canQuery'),
      HasUserDefinedFields: bool(info, 'hasUserDefinedFields'),
    };
  });
}

/** `ThresholdInformation`: `{externalRequestThreshold, requestThresholdTimeframe, currentTimeframeRequestCount}`. */
export function readRestThreshold(answer: unknown): ThresholdAndUsage {
  const o = (answer ?? {}) as Json;
  const threshold = num(o, 'externalRequestThreshold');
  const timeframe = num(o, 'requestThresholdTimeframe');
  const count = num(o, 'currentTimeframeRequestCount');
  if (threshold === undefined || timeframe === undefined || count === undefined) {
    throw new ApiError(`getThresholdAndUsageInfo: the ThresholdInformation answer lacks its figures: ${JSON.stringify(answer).slice(0, 200)}`, {
      operation: 'getThresholdAndUsageInfo',
      messages: [],
    });
  }
  return { threshold, timeframe, count, percent: threshold === 0 ? 0 : Math.round((count / threshold) * 10_000) / 100 };
}
