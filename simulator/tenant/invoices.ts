/**
 * An invoice as GetInvoiceMarkup renders it: the stored Invoice, its Account and the BillingItems
 * posted to it. The rendering (HTML or XML text) is the front's.
 */
import type { FieldValue } from 'atws/protocol';
import type { EntityStore } from './store.js';

type Values = Readonly<Record<string, FieldValue>>;

export interface InvoiceData {
  readonly id: number;
  readonly invoice: Values;
  /** The invoice's account, when it exists. */
  readonly account: Values | undefined;
  /** The billing items posted to the invoice, in id order. */
  readonly items: readonly Values[];
}

/** The invoice `id`, or undefined when there is no such invoice. */
export function invoiceData(store: EntityStore, id: number): InvoiceData | undefined {
  const invoice = store.get('Invoice', id);
  if (!invoice) return undefined;
  const v = invoice.values;
  const account = typeof v['AccountID'] === 'number' ? store.get('Account', v['AccountID']) : undefined;
  const items = [...store.scan('BillingItem')].filter((item) => item.values['InvoiceID'] === id).map((item) => item.values);
  return { id, invoice: v, account: account?.values, items };
}
