/**
 * `{route}/entityInformation`, `.../fields` and `.../userDefinedFields` ("The entityInformation
 * REST API call"; the swagger's EntityInformationResultModel, FieldInformationModel and
 * UserDefinedFieldInformationResultModel).
 *
 * Field names are the REST model's (camelCase, as production answers `"licenseType"`); `dataType`
 * is the field's type in lower case as SOAP's GetFieldInfo names it (`"integer"`, `"string"`,
 * `"short"`: django-autotask's fixtures); `length` 0 for a non-string; `referenceEntityType` and
 * `picklistParentValueField` `""` when none, `picklistValues` null on a field that is no picklist;
 * picklist values with `value` as text (`"1"`: django-autotask; go-autotask changed its type "to
 * match actual API responses") and `parentValue` `""` without a parent. The UDF list names its type
 * `type`, not `dataType` (django-autotask's UDF fixture).
 */
import type { FieldMeta } from 'atws/protocol';
import type { HttpAnswer } from '../../http/front.js';
import type { PicklistValue, UdfDefinition } from '../../tenant/picklist-types.js';
import { ok } from '../rest-answer.js';
import type { EntityCall } from '../rest-context.js';
import type { RestFieldShape } from '../rest-entity-shape.js';

/** The SOAP entities with a webhook collection in the swagger (CompanyWebhooks, ContactWebhooks, ConfigurationItemWebhooks, TicketWebhooks, TicketNoteWebhooks). */
const WEBHOOK_ENTITIES = new Set(['Account', 'Contact', 'InstalledProduct', 'Ticket', 'TicketNote']);

/** A REST-only field's type in GetFieldInfo's words. */
const DATA_TYPE_OF_REST: Readonly<Record<string, string>> = {
  int32: 'integer',
  int64: 'long',
  double: 'double',
  'date-time': 'datetime',
  boolean: 'boolean',
  string: 'string',
};

function picklistJson(values: readonly PicklistValue[]) {
  return values.map((v) => ({
    value: v.value,
    label: v.label,
    isDefaultValue: v.isDefaultValue,
    sortOrder: v.sortOrder,
    parentValue: v.parentValue ?? '',
    isActive: v.isActive,
    isSystem: v.isSystem,
  }));
}

/**
 * `info` of an entity. `name` is the REST model's name (`Ticket`, `Company`; the page's examples
 * are lower case, go-autotask's mock plural: our choice); the `can*` flags are SOAP's capability
 * and the entity having a route for it; `userAccessFor*` as text (`"All"`: n8n-nodes-autotask types
 * them `'None' | 'All' | 'Restricted'`; the page lists the same three values with numbers, the
 * swagger leaves the type empty: our choice, the API user may do all).
 */
export function entityInformation(call: EntityCall): HttpAnswer {
  const { shape } = call.route;
  const { meta, rest } = shape;
  const routes = [...(rest.collection === undefined ? [] : [rest.collection.methods]), ...rest.childRoutes.map((r) => r.methods)];
  const offers = (method: 'create' | 'patch' | 'delete' | 'queryPost'): boolean => routes.some((methods) => methods.includes(method));
  const access = (allowed: boolean): string => (allowed ? 'All' : 'None');
  const canCreate = meta.canCreate && offers('create');
  const canUpdate = meta.canUpdate && offers('patch');
  const canDelete = meta.canDelete && offers('delete');
  const canQuery = meta.canQuery && offers('queryPost');
  return ok({
    info: {
      name: shape.name,
      canCreate,
      canDelete,
      canQuery,
      canUpdate,
      userAccessForCreate: access(canCreate),
      userAccessForDelete: access(canDelete),
      userAccessForQuery: access(canQuery),
      userAccessForUpdate: access(canUpdate),
      hasUserDefinedFields: rest.userDefinedFields && call.tenant.udfsOf(meta.name).length > 0,
      supportsWebhookCallouts: WEBHOOK_ENTITIES.has(meta.name),
    },
  });
}

function fieldJson(call: EntityCall, field: RestFieldShape, soap: FieldMeta | undefined) {
  const { shape } = call.route;
  const picklist = soap?.picklist === true ? call.tenant.picklists.valuesOf(shape.meta, soap) : undefined;
  const parent = soap?.picklistParent === undefined ? undefined : shape.bySoapName.get(soap.picklistParent);
  return {
    name: field.rest,
    dataType: soap === undefined ? (DATA_TYPE_OF_REST[field.type] ?? field.type) : soap.type,
    length: soap?.type === 'string' ? soap.length : 0,
    isRequired: soap?.required ?? false,
    // A field the tenant keeps no value of cannot be written or filtered on here.
    isReadOnly: soap?.readOnly ?? true,
    isQueryable: soap?.queryable ?? false,
    isReference: soap?.reference !== undefined,
    referenceEntityType: soap?.reference ?? '',
    isPickList: picklist !== undefined,
    picklistValues: picklist === undefined ? null : picklistJson(picklist),
    picklistParentValueField: parent?.rest ?? '',
    isSupportedWebhookField: false,
  };
}

export function fields(call: EntityCall): HttpAnswer {
  return ok({ fields: call.route.shape.fields.map((field) => fieldJson(call, field, field.soap)) });
}

function udfJson(udf: UdfDefinition) {
  return {
    name: udf.name,
    label: udf.label,
    type: udf.type,
    length: udf.length,
    description: udf.description ?? '',
    isRequired: udf.required,
    isReadOnly: false,
    isQueryable: true,
    isReference: false,
    referenceEntityType: '',
    isPickList: udf.picklistValues !== undefined,
    picklistValues: udf.picklistValues === undefined ? null : picklistJson(udf.picklistValues),
    picklistParentValueField: '',
    // The swagger's Field model has it, as getUDFInfo does.
    defaultValue: udf.defaultValue ?? null,
    isSupportedWebhookField: false,
  };
}

export function userDefinedFields(call: EntityCall): HttpAnswer {
  const { shape } = call.route;
  return ok({ fields: shape.rest.userDefinedFields ? call.tenant.udfsOf(shape.meta.name).map(udfJson) : [] });
}
