/**
 * GetInvoiceMarkup (SOAP) and Invoices/{id}/InvoiceMarkupHtml|Xml (REST): an invoice rendered as HTML or XML from the tenant's invoice data (the stored
 * Invoice, its Account and the BillingItems posted to it), dates as the API's Eastern days.
 */
import type { FieldValue } from 'atws/protocol';
import { formatEasternDate } from 'atws/protocol';
import type { InvoiceData } from './invoices.js';

export type MarkupFormat = 'HTML' | 'XML';

function text(value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Date) return formatEasternDate(value);
  return String(value);
}

function money(value: FieldValue | undefined): string {
  return typeof value === 'number' ? value.toFixed(2) : text(value);
}

/** The markup of an invoice. */
export function invoiceMarkup(data: InvoiceData, format: MarkupFormat): string {
  const { id: invoiceId, invoice: v, account, items } = data;
  const e = markupText;
  const accountName = text(account?.['AccountName']);
  if (format === 'XML') {
    return (
      `<invoice_batch_generic><invoice_header><invoice_number>${e(text(v['InvoiceNumber']))}</invoice_number>` +
      `<invoice_id>${invoiceId}</invoice_id><invoice_date>${e(text(v['InvoiceDateTime']))}</invoice_date>` +
      `<due_date>${e(text(v['DueDate']))}</due_date><customer><name>${e(accountName)}</name>` +
      `<address>${e(text(account?.['Address1']))}</address><city>${e(text(account?.['City']))}</city></customer>` +
      `<comments>${e(text(v['Comments']))}</comments></invoice_header><line_items>` +
      items
        .map(
          (item) =>
            `<line_item><description>${e(text(item['ItemName']))}</description><quantity>${text(item['Quantity'])}</quantity>` +
            `<rate>${money(item['Rate'])}</rate><amount>${money(item['TotalAmount'])}</amount></line_item>`,
        )
        .join('') +
      `</line_items><totals><tax>${money(v['TotalTaxValue'])}</tax><total>${money(v['InvoiceTotal'])}</total></totals></invoice_batch_generic>`
    );
  }
  return (
    `<html><head><title>Invoice ${e(text(v['InvoiceNumber']))}</title></head><body>` +
    `<h1>Invoice ${e(text(v['InvoiceNumber']))}</h1><p>Date: ${e(text(v['InvoiceDateTime']))}; due: ${e(text(v['DueDate']))}</p>` +
    `<p>Bill to: ${e(accountName)}, ${e(text(account?.['Address1']))}, ${e(text(account?.['City']))}</p>` +
    `<table><tr><th>Description</th><th>Quantity</th><th>Rate</th><th>Amount</th></tr>` +
    items
      .map(
        (item) =>
          `<tr><td>${e(text(item['ItemName']))}</td><td>${text(item['Quantity'])}</td>` +
          `<td>${money(item['Rate'])}</td><td>${money(item['TotalAmount'])}</td></tr>`,
      )
      .join('') +
    `</table><p>Tax: ${money(v['TotalTaxValue'])}</p><p>Total: ${money(v['InvoiceTotal'])}</p>` +
    `<p>${e(text(v['Comments']))}</p></body></html>`
  );
}

/**
 * Text made safe inside HTML or XML markup: `&`, `<` and `>` as references, characters XML 1.0
 * cannot hold left out. The markup is the same whichever wire carries it, so it owns its escaping.
 */
function markupText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
}
