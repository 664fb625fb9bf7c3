/** The simulated tenant's picklist values and user-defined field definitions, as GetFieldInfo/getUDFInfo report them. */
import type { FieldType } from 'atws/protocol';

/** One `PickListValue`: `value` and `parentValue` are integers written as text, as on the wire. */
export interface PicklistValue {
  readonly value: string;
  readonly label: string;
  readonly isDefaultValue: boolean;
  readonly sortOrder: number;
  readonly parentValue?: string;
  readonly isActive: boolean;
  readonly isSystem: boolean;
}

/** A user-defined field of one entity type. */
export interface UdfDefinition {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly length: number;
  readonly required: boolean;
  readonly description?: string;
  /**
   * A protected UDF (UserDefinedFieldDefinition.IsProtected): the query() page says that querying
   * on one is case sensitive, where every other text comparison is not.
   */
  readonly protected?: boolean;
  /** List UDFs carry their choices; the stored value is the choice's `value`. */
  readonly picklistValues?: readonly PicklistValue[];
}
