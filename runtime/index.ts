/**
 * The `atws` package: a typed client of the Autotask Web Services SOAP API.
 *
 * @example
 * import { connect, Query } from 'atws';
 * const at = await connect({ username, password, integrationCode });
 * for await (const t of at.query(new Query('Ticket').where('Status', 'Equals', 1))) console.log(t.Title);
 */
export { connect } from './client/connect.js';
export { Connection, FETCH_BY_IDS_CHUNK, MAX_PACKET_ROUNDS } from './client/connection.js';
export type {
  Attachment,
  AttachmentInfoOf,
  NewAttachment,
  NewAttachmentInfo,
  EntityName,
  EntityOf,
  NewValues,
  EntityMetaOf,
  PicklistLabelsOf,
  PicklistsOf,
  PicklistsWithInactiveOf,
  QueryableName,
  UpdatableName,
  PatchValues,
  WriteOptions,
} from './client/connection.js';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_DEADLINE_MS,
  DEFAULT_DISCOVERY_URL,
  DEFAULT_MAX_ANSWER_BYTES,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
} from './client/connection-options.js';
export type { TransportName } from './client/connection-options.js';
export type { ConnectApiOptions, ConnectOptions } from './client/connect.js';
export type { ApiModule, GeneratedApi } from './generated-apis.js';
export type { OperationDescriptor } from './client/soap/soap-client.js';
export type { DebugOption } from './client/http/debug-log.js';
export { QueryCursor, Cursor, QUERY_PAGE_SIZE } from './client/query-cursor.js';
export { ActionCursor, ACTION_PACKET_SIZE } from './client/action-cursor.js';
export type { ActionInput, ActionSummary } from './client/action-cursor.js';
export type { EntityPicklists, PicklistOptions } from './client/picklists.js';
export type {
  ChildLabels,
  ChildPicklist,
  ChildPicklistMethods,
  EntityPicklistsBase,
  Picklist,
  PicklistEntryValue,
  PicklistMethods,
} from './entity/picklist-types.js';
export type { EntityInfo, FieldInfo, PicklistValueInfo } from './client/transport/info-records.js';
export type { ThresholdAndUsage } from './client/transport/usage-info.js';
export type { ZoneInfo } from './client/transport/transport.js';
export { ThreadLimitError, ThresholdExceededError } from './client/transport/limit-errors.js';
export { DEFAULT_THREAD_LIMIT } from './client/policies/endpoint-limiter.js';
export type { QueryOptions } from './client/partitioned-query.js';
export { clearZoneCache } from './client/soap/zone-discovery.js';
export { Query } from './query/query.js';
export type {
  ConditionOptions,
  NullOperator,
  QueryableEntityName,
  QueryDefaultEntityMap,
  NoEntityMapImported,
  QueryFieldArgument,
  NotQueryableField,
  FieldsOfEntity,
  SameNameIgnoringCase,
  QueryFieldOperator,
  QueryGroup,
  QueryOf,
  QueryOver,
  GroupPatternMark,
  NotRestOperator,
  PatternMark,
  PatternOperator,
  UsesPatternOperator,
  QueryUdfName,
  QueryUdfOperator,
  QueryUdfs,
  QueryUdfValue,
  UdfQueryValue,
  QueryValue,
  ValueOperator,
} from './query/query.js';
export type { BooleanFieldOperator, DateFieldOperator, NumericFieldOperator, StringFieldOperator, UdfOperator } from './query/operator-types.js';
export { QUERY_OPERATORS } from './protocol/query/operators.js';
export type { QueryOperator } from './protocol/query/operators.js';
export { AtwsError, UsageError, AuthenticationError, ZoneNotFoundError, TransportError } from './protocol/errors.js';
export { ApiError } from './client/transport/api-error.js';
export type { ApiErrorConstructor, ApiErrorDetails, EntityOutcomes, FailedEntity } from './client/transport/api-error.js';
export { PicklistLabelError } from './client/picklist-label-error.js';
export { EntityBase, DEFAULT_ATTRIBUTES_UDF } from './entity/entity-base.js';
export { missingRequiredFields } from './entity/entity-base.js';
export type {
  CanCreate,
  CanDelete,
  CanQuery,
  CanUpdate,
  ChildPicklistValue,
  EntityClass,
  FieldName,
  FieldRule,
  GetName,
  GetValue,
  InputFieldName,
  NotAField,
  PatchInput,
  OfApiVersion,
  PicklistValue,
  PicklistValueOf,
  ReadFromAutotask,
  ReadOnlyField,
  SetName,
  SetOnceField,
  SetValue,
  SettableFieldName,
  RequiredFieldName,
  Stored,
  UdfName,
  UdfField,
  UdfText,
  UdfValue,
  UdfValueOf,
  UnknownUdf,
  NumericFieldType,
  NumericText,
  UpdatableOver,
  MadeOver,
  MadeOverRest,
} from './entity/entity-base.js';
export type {
  ApiSpec,
  ApiVersionOrModule,
  ApiVersions,
  DefaultEntityMap,
  EntityMapOf,
  GeneratedApiTypes,
  ImportedVersion,
  MetadataOf,
  TypedEntityClasses,
  VersionOf,
} from './protocol/api-versions.js';
export type { ApiMetadata, ApiVersion, EntityMeta, FieldMeta, FieldType, FieldValue } from './protocol/metadata.js';
