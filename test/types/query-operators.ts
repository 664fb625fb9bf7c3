// Compile-time checks (issue 14): operators by the field's data type (Autotask's QueryXML table),
// values of the field's type, no value for IsNull/IsNotNull. See entity-read-write.ts for the "->".
import { Query, type PicklistValueOf } from '../../runtime/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';

export function operatorsByType(d: Date): void {
  new Query('Ticket').where('Title', 'BeginsWith', 'Printer').and('Title', 'Like', '%toner%').or('Title', 'SoundsLike', 'printr');
  new Query('Ticket').where('Status', 'GreaterThanorEquals', 5 as PicklistValueOf<Ticket, 'Status'>).and('id', 'LessThan', 100);
  new Query('Ticket').where('CreateDate', 'IsThisDay', d).and('DueDateTime', 'GreaterThan', d);
  new Query('Ticket').where('ServiceLevelAgreementHasBeenMet', 'Equals', true);
  new Query('Currency').where('ExchangeRate', 'GreaterThan', '1.5');
  // @ts-expect-error a decimal compares with the text of a number -> Argument of type '"twelve"' is not assignable to parameter of type '`${number}`'
  new Query('Currency').where('ExchangeRate', 'GreaterThan', 'twelve');
  // @ts-expect-error BeginsWith is for strings -> Argument of type '"BeginsWith"' is not assignable to parameter of type 'NumericFieldOperator'
  new Query('Ticket').where('Status', 'BeginsWith', 5);
  // @ts-expect-error id is numeric -> Argument of type '"Like"' is not assignable to parameter of type 'NumericFieldOperator'
  new Query('Ticket').where('id', 'Like', 13);
  // @ts-expect-error Contains is for strings -> Argument of type '"Contains"' is not assignable to parameter of type 'DateFieldOperator'
  new Query('Ticket').where('CreateDate', 'Contains', d);
  // @ts-expect-error booleans are not ordered -> Argument of type '"GreaterThan"' is not assignable to parameter of type 'BooleanFieldOperator'
  new Query('Ticket').where('ServiceLevelAgreementHasBeenMet', 'GreaterThan', true);
  // @ts-expect-error IsThisDay is for dates -> Argument of type '"IsThisDay"' is not assignable to parameter of type 'StringFieldOperator'
  new Query('Ticket').where('Title', 'IsThisDay', 'x');
  // @ts-expect-error a decimal is numeric to the API, though held as text -> Argument of type '"Contains"' is not assignable to parameter of type 'NumericFieldOperator'
  new Query('Currency').where('ExchangeRate', 'Contains', '1.5');
  // @ts-expect-error the same through or() -> Argument of type '"EndsWith"' is not assignable to parameter of type 'NumericFieldOperator'
  new Query('Ticket').where('id', 'GreaterThan', 0).or('Priority', 'EndsWith', 1);
}

export function valueArity(): void {
  new Query('Ticket').where('Title', 'IsNull').and('DueDateTime', 'IsNotNull');
  // @ts-expect-error IsNull takes no value -> Expected 2 arguments, but got 3
  new Query('Ticket').where('Title', 'IsNull', 'x');
  // @ts-expect-error Equals needs one -> Expected 3 arguments, but got 2
  new Query('Ticket').where('Title', 'Equals');
  // @ts-expect-error the value follows the field -> Argument of type 'string' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  new Query('Ticket').where('Status', 'Equals', 'Complete');
  // UDFs: any operator, a value of any query type.
  new Query('Ticket').where('Room', 'BeginsWith', '12', { udf: true });
}
