/**
 * The REST model's listed decisions: field renames and child-route parent fields that no general
 * rule of codegen/README.md ("REST model") derives, each with why it holds. A listed rename is
 * applied right after the case-insensitive match, only when both fields exist and are still
 * unpaired and of one kind; one that no longer applies is reported among the snapshot's
 * disagreements (`listed-rule-unused`), never silently kept.
 *
 * Sources: Autotask's "Terminology differences between the Autotask UI and the API"
 * (https://autotask.net/help/developerhelp/content/APIs/General/Terminology_Differences.htm) and
 * the REST entity pages cited per entry. What is neither documented nor evident stays unpaired
 * and is listed as a disagreement instead (Account.KeyAccountIcon, Contact.Notification, ...).
 */

export interface ListedRename {
  /** SOAP entity. */
  readonly entity: string;
  readonly soap: string;
  readonly rest: string;
  readonly why: string;
}

const TERMINOLOGY = 'Terminology differences page: SOAP/REST BillToAddress is the UI\'s "Billing address"';

export const LISTED_RENAMES: readonly ListedRename[] = [
  { entity: 'Account', soap: 'BillToAddress1', rest: 'billingAddress1', why: TERMINOLOGY },
  { entity: 'Account', soap: 'BillToAddress2', rest: 'billingAddress2', why: TERMINOLOGY },
  { entity: 'SalesOrder', soap: 'BillToAddress1', rest: 'billingAddress1', why: TERMINOLOGY },
  { entity: 'SalesOrder', soap: 'BillToAddress2', rest: 'billingAddress2', why: TERMINOLOGY },
  {
    entity: 'ContractFactor',
    soap: 'BlockHourFactor',
    rest: 'blockHourMultiplier',
    why: 'Terminology differences page (ContractFactor, BlockHourFactor); the ContractBlockHourFactors page describes the factor as the multiplier applied to role rates',
  },
  {
    entity: 'Contact',
    soap: 'BulkEmailOptOut',
    rest: 'isOptedOutFromBulkEmail',
    why: 'the same boolean reworded; bulkEmailOptOutTime beside it pairs by case',
  },
  { entity: 'Contract', soap: 'Compliance', rest: 'isCompliant', why: 'the same boolean as an is-form (SOAP label "Contract Compilance")' },
  {
    entity: 'ContractBillingRule',
    soap: 'EnableDailyProrating',
    rest: 'isDailyProrationEnabled',
    why: 'the same boolean reworded (SOAP label "Enable Daily Prorating")',
  },
  {
    entity: 'InventoryItem',
    soap: 'OnOrder',
    rest: 'quantityOnOrder',
    why: 'the read-only integer quantities of an inventory item, REST naming them as quantities',
  },
  {
    entity: 'InventoryItem',
    soap: 'BackOrder',
    rest: 'backOrderQuantity',
    why: 'the read-only integer quantities of an inventory item, REST naming them as quantities',
  },
  {
    entity: 'InventoryItem',
    soap: 'Reserved',
    rest: 'quantityReserved',
    why: 'the read-only integer quantities of an inventory item, REST naming them as quantities',
  },
  {
    entity: 'InventoryItem',
    soap: 'Picked',
    rest: 'quantityPicked',
    why: 'the read-only integer quantities of an inventory item, REST naming them as quantities',
  },
  { entity: 'ProjectNote', soap: 'Announce', rest: 'isAnnouncement', why: 'the same boolean as an is-form' },
  {
    entity: 'PurchaseOrder',
    soap: 'TaxGroup',
    rest: 'taxRegionID',
    why: "SOAP's TaxGroup holds a tax region id: Quote.TaxGroup, the same SOAP field, is labelled tax_region_id and pairs with Quotes' taxRegionID by label",
  },
  { entity: 'SalesOrder', soap: 'PromisedDueDate', rest: 'promisedFulfillmentDate', why: "the sales order's one promised date-time on each side" },
  {
    entity: 'ServiceCall',
    soap: 'CanceledByResource',
    rest: 'canceledByResourceID',
    why: 'the integer resource id of who cancelled (SOAP label "Canceled By"), REST with the ID suffix',
  },
  { entity: 'Task', soap: 'TaskIsBillable', rest: 'isTaskBillable', why: 'the same boolean, words reordered' },
];

/** Terms no entity pair shows, applied by the `term` rule beside those the entity pairs establish. */
export interface ListedTerm {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly why: string;
}

export const LISTED_TERMS: readonly ListedTerm[] = [
  {
    from: ['AEM'],
    to: ['RMM'],
    why: "AEM (Autotask Endpoint Management) is the product now called Datto RMM: SOAP 1.6 renamed 1.5's InstalledProduct.AEMDevice* fields RMMDevice*, and REST names them, and Ticket's AEMAlertID, rmm*",
  },
];

export interface ListedParentField {
  /** SOAP entity of the child. */
  readonly entity: string;
  /** `<parentCollection>/<name>` of the child route. */
  readonly route: string;
  /** The child's SOAP field that holds the parent's id. */
  readonly field: string;
  readonly why: string;
}

export const LISTED_PARENT_FIELDS: readonly ListedParentField[] = [
  {
    entity: 'TaskPredecessor',
    route: 'Tasks/Predecessors',
    field: 'SuccessorTaskID',
    why: 'the route lists the predecessors of the parent task, so the parent is the successor (TaskPredecessors page: "Parent Entity: Tasks"; the successor starts after its predecessor ends)',
  },
];
