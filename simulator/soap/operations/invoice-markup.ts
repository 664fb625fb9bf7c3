/** GetInvoiceMarkup(InvoiceId, Format): the stored invoice as one string of HTML or XML. */
import { childText } from 'atws/protocol/soap';
import { escapeXmlText } from 'atws/protocol/soap';
import { invoiceMarkup } from '../invoice-markup.js';
import { SoapFault, type OperationHandler } from '../operation-context.js';

export const getInvoiceMarkup: OperationHandler = (ctx) => {
  const idText = (childText(ctx.request, 'InvoiceId') ?? '').trim();
  const id = Number(idText);
  if (idText === '' || !Number.isInteger(id)) {
    throw new SoapFault('soap:Client', `Server was unable to read request. ---> InvoiceId "${idText}" is not an integer.`);
  }
  const formatText = (childText(ctx.request, 'Format') ?? '').trim().toUpperCase();
  if (formatText !== 'HTML' && formatText !== 'XML') {
    throw new SoapFault('soap:Client', `Server was unable to process request. ---> Format must be HTML or XML, not "${formatText}".`);
  }
  const markup = invoiceMarkup(ctx.tenant.store, id, formatText);
  if (markup === undefined) throw new SoapFault('soap:Client', `Server was unable to process request. ---> Invoice ${id} does not exist.`);
  return escapeXmlText(markup);
};
