/** GetInvoiceMarkup(InvoiceId, Format): the stored invoice as one string of HTML or XML. */
import { childText, escapeXmlText } from 'atws/protocol/soap';
import { invoiceMarkup } from '../../tenant/invoice-markup.js';
import { SoapFault, type SoapOperation } from '../operation-context.js';

export const getInvoiceMarkup: SoapOperation = {
  read(request, ctx) {
    const idText = (childText(request, 'InvoiceId') ?? '').trim();
    const formatText = (childText(request, 'Format') ?? '').trim().toUpperCase();
    return {
      run() {
        const id = Number(idText);
        if (idText === '' || !Number.isInteger(id)) {
          throw new SoapFault('soap:Client', `Server was unable to read request. ---> InvoiceId "${idText}" is not an integer.`);
        }
        if (formatText !== 'HTML' && formatText !== 'XML') {
          throw new SoapFault('soap:Client', `Server was unable to process request. ---> Format must be HTML or XML, not "${formatText}".`);
        }
        const invoice = ctx.tenant.invoice(id);
        if (invoice === undefined) throw new SoapFault('soap:Client', `Server was unable to process request. ---> Invoice ${id} does not exist.`);
        return escapeXmlText(invoiceMarkup(invoice, formatText));
      },
    };
  },
};
