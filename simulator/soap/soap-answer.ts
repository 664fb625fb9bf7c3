/**
 * SOAP's answers as HTTP: a result in the operation's response element, a SOAP Fault (HTTP 500, as
 * ASP.NET answers faults), and IIS's HTML page for a bad login. A fault may quote the request (a
 * parser's excerpt), so faults never carry the tenant's secrets back.
 */
import { redact } from 'atws/protocol';
import { soapEnvelope, soapFaultEnvelope, type OperationDescriptor } from 'atws/protocol/soap';
import type { HttpAnswer } from '../http/front.js';

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

export type FaultCode = 'soap:Client' | 'soap:Server';

/** A SOAP Fault, its message cleared of the tenant's secrets. */
export function faultAnswer(code: FaultCode, message: string, secrets: readonly string[]): HttpAnswer {
  return { status: 500, contentType: XML_CONTENT_TYPE, body: redact(soapFaultEnvelope(code, message), secrets) };
}

/** The operation's response element around its result element's content. */
export function resultAnswer(spec: OperationDescriptor, namespace: string, content: string): HttpAnswer {
  const result = `<${spec.resultElement}>${content}</${spec.resultElement}>`;
  return {
    status: 200,
    contentType: XML_CONTENT_TYPE,
    body: soapEnvelope(`<${spec.responseElement} xmlns="${namespace}">${result}</${spec.responseElement}>`),
  };
}

/** What IIS answers a bad login: an HTML page, not SOAP, with a `Basic` challenge for challenge-driven clients. */
export const UNAUTHORIZED: HttpAnswer = {
  status: 401,
  contentType: 'text/html; charset=utf-8',
  headers: { 'WWW-Authenticate': 'Basic realm="webservices.autotask.net"' },
  body:
    '<!DOCTYPE html><html><head><title>401 - Unauthorized</title></head><body>' +
    '<h1>401 - Unauthorized: Access is denied due to invalid credentials.</h1>' +
    '<p>You do not have permission to view this directory or page using the credentials that you supplied.</p></body></html>',
};
