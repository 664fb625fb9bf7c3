/**
 * SOAP 1.1 envelopes, as ATWS exchanges them. The envelope declares the `xsi` and `xsd` prefixes
 * that entity XML uses (`xsi:type="xsd:int"`), so bodies can use them without declaring them.
 */
import { escapeXmlText } from './escape.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

const OPEN = `<?xml version="1.0" encoding="utf-8"?>` + `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}">`;

/**
 * Wraps an already-serialised body (and optional header content) in a SOAP 1.1 envelope.
 *
 * @example soapEnvelope('<query xmlns="http://autotask.net/ATWS/v1_6/"><sXML>..</sXML></query>')
 */
export function soapEnvelope(body: string, header?: string): string {
  const head = header === undefined || header === '' ? '' : `<soap:Header>${header}</soap:Header>`;
  return `${OPEN}${head}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/**
 * A SOAP 1.1 Fault envelope; the message is escaped here.
 *
 * @example soapFaultEnvelope('soap:Client', 'Unknown entity "Tickets"')
 */
export function soapFaultEnvelope(code: 'soap:Client' | 'soap:Server', message: string): string {
  return soapEnvelope(`<soap:Fault><faultcode>${code}</faultcode><faultstring>${escapeXmlText(message)}</faultstring></soap:Fault>`);
}
