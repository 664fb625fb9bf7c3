/**
 * GetInvoiceMarkup: an invoice rendered as HTML or XML from the stored Invoice, its Account and
 * the BillingItems posted to it.
 */
import type { FieldValue } from 'atws/protocol';
import { escapeXmlText } from 'atws/protocol';
import { formatEasternDate } from 'atws/protocol';
import type { EntityStore } from './store.js';

export type MarkupFormat = 'HTML' | 'XML';

function text(value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Date) return formatEasternDate(value);
  return String(value);
}

function money(value: FieldValue | undefined): string {
  return typeof value === 'number' ? value.toFixed(2) : text(value);
}

/** The markup of invoice `invoiceId`, or undefined when there is no such invoice. */
export function invoiceMarkup(store: EntityStore, invoiceId: number, format: MarkupFormat): string | undefined {
  const invoice = store.get('Invoice', invoiceId);
  if (!invoice) return undefined;
  const v = invoice.values;
  const account = typeof v['AccountID'] === 'number' ? store.get('Account', v['AccountID']) : undefined;
  const items = [...store.scan('BillingItem')].filter((item) => item.values['InvoiceID'] === invoiceId);
  const e = (s: string): string => escapeXmlText(s);
  const accountName = text(account?.values['AccountName']);
  if (format === 'XML') {
    return (
      `<invoice_batch_generic><invoice_header><invoice_number>${e(text(v['InvoiceNumber']))}</invoice_number>` +
      `<invoice_id>${invoiceId}</invoice_id><invoice_date>${e(text(v['InvoiceDateTime']))}</invoice_date>` +
      `<due_date>${e(text(v['DueDate']))}</due_date><customer><name>${e(accountName)}</name>` +
      `<address>${e(text(account?.values['Address1']))}</address><city>${e(text(account?.values['City']))}</city></customer>` +
      `<comments>${e(text(v['Comments']))}</comments></invoice_header><line_items>` +
      items
        .map(
          (item) =>
            `<line_item><description>${e(text(item.values['ItemName']))}</description><quantity>${text(item.values['Quantity'])}</quantity>` +
            `<rate>${money(item.values['Rate'])}</rate><amount>${money(item.values['TotalAmount'])}</amount></line_item>`,
        )
        .join('') +
      `</line_items><totals><tax>${money(v['TotalTaxValue'])}</tax><total>${money(v['InvoiceTotal'])}</total></totals></invoice_batch_generic>`
    );
  }
  return (
    `<html><head><title>Invoice ${e(text(v['InvoiceNumber']))}</title></head><body>` +
    `<h1>Invoice ${e(text(v['InvoiceNumber']))}</h1><p>Date: ${e(text(v['InvoiceDateTime']))}; due: ${e(text(v['DueDate']))}</p>` +
    `<p>Bill to: ${e(accountName)}, ${e(text(account?.values['Address1']))}, ${e(text(account?.values['City']))}</p>` +
    `<table><tr><th>Description</th><th>Quantity</th><th>Rate</th><th>Amount</th></tr>` +
    items
      .map(
        (item) =>
          `<tr><td>${e(text(item.values['ItemName']))}</td><td>${text(item.values['Quantity'])}</td>` +
          `<td>${money(item.values['Rate'])}</td><td>${money(item.values['TotalAmount'])}</td></tr>`,
      )
      .join('') +
    `</table><p>Tax: ${money(v['TotalTaxValue'])}</p><p>Total: ${money(v['InvoiceTotal'])}</p>` +
    `<p>${e(text(v['Comments']))}</p></body></html>`
  );
}
