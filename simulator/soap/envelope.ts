/**
 * Reading a SOAP 1.1 request: the envelope, and the operation its body element names in this API
 * version (by element name, else the same name in any case; in the version's namespace).
 */
import { childElement, parseXml, SOAP_ENV_NS, type OperationDescriptor, type XmlElement } from 'atws/protocol/soap';
import type { ApiVersionSpec } from './api-versions.js';

export interface SoapRequest {
  readonly envelope: XmlElement;
  /** The operation's request element (`<query>`, `<create>`, ...). */
  readonly element: XmlElement;
  readonly spec: OperationDescriptor;
}

/** Why a request cannot be read, and the operation when it was recognised. */
export interface UnreadableRequest {
  readonly unreadable: string;
  readonly operation?: string;
}

function findOperation(api: ApiVersionSpec, element: XmlElement): OperationDescriptor | undefined {
  const exact = api.operations.get(element.name);
  if (exact) return exact;
  const lower = element.name.toLowerCase();
  return [...api.operations.values()].find((op) => op.requestElement.toLowerCase() === lower);
}

export function readSoapRequest(api: ApiVersionSpec, body: string): SoapRequest | UnreadableRequest {
  let envelope: XmlElement;
  try {
    envelope = parseXml(body);
  } catch (error) {
    return { unreadable: `Server was unable to read request. ---> ${(error as Error).message}` };
  }
  if (envelope.name !== 'Envelope' || envelope.uri !== SOAP_ENV_NS) {
    return { unreadable: `Server was unable to read request: the document is not a SOAP 1.1 Envelope (got <${envelope.name}>).` };
  }
  const element = childElement(envelope, 'Body')?.children[0];
  if (!element) return { unreadable: 'Server was unable to read request: the SOAP Body is empty.' };
  const spec = findOperation(api, element);
  if (!spec) return { unreadable: `Server did not recognize the operation <${element.name}> of API ${api.version}.` };
  if (element.uri !== api.metadata.namespace) {
    return {
      unreadable: `Server did not recognize the request element <${element.name}> in namespace "${element.uri}"; API ${api.version} expects "${api.metadata.namespace}".`,
      operation: spec.name,
    };
  }
  return { envelope, element, spec };
}
