/** What a picklist lookup throws for a label the tenant does not have, listing the valid ones. */
import { AtwsError } from '../protocol/errors.js';

/** A picklist label that the picklist does not hold. */
export class PicklistLabelError extends AtwsError {
  override readonly name: string = 'PicklistLabelError';
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly label: string,
    readonly validLabels: readonly string[],
  ) {
    super(`"${label}" is not a label of picklist ${entity}.${field}; valid labels: ` + validLabels.map((l) => JSON.stringify(l)).join(', '));
  }
}
