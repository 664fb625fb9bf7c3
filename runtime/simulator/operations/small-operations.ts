/** GetWsdlVersion, GetInvoiceMarkup and getZoneInfo. */
import { childText } from '../../xml/xml-tree.js';
import { escapeXmlText } from '../../xml/escape.js';
import { invoiceMarkup } from '../invoice-markup.js';
import { textElement } from '../response-xml.js';
import { SoapFault, type OperationHandler } from '../operation-context.js';
import { sameUser } from '../auth.js';

export const getWsdlVersion: OperationHandler = (ctx) => escapeXmlText(ctx.api.metadata.metadataVersion);

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

/** Anonymous: the zone of a known user is this server; an unknown user gets no URL and ErrorCode 2. */
export const getZoneInfo: OperationHandler = (ctx) => {
  const user = (childText(ctx.request, 'UserName') ?? '').trim();
  if (!sameUser(user, ctx.tenant.options.username)) {
    return `<ErrorCode>2</ErrorCode><CI>0</CI>`;
  }
  return (
    `${textElement('URL', ctx.asmxUrl)}<ErrorCode>0</ErrorCode>${textElement('DataBaseType', 'Simulator')}` +
    `<CI>1</CI>${textElement('WebUrl', `${ctx.baseUrl}/`)}`
  );
};
