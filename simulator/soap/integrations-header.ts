/**
 * The `AutotaskIntegrations` SOAP header: the integration code (API tracking identifier) and the
 * resource to impersonate. Found by its namespace (the API version's, as the WSDL declares it)
 * inside a SOAP 1.1 `Header`: a block of that local name in another namespace is someone else's
 * header, not ours. Its children are matched in the same namespace, the schema's
 * elementFormDefault being "qualified".
 */
import { SOAP_ENV_NS, type XmlElement } from 'atws/protocol/soap';

export interface IntegrationsHeader {
  /** `IntegrationCode`, trimmed; undefined when absent. */
  readonly integrationCode: string | undefined;
  /** `ImpersonateAsResourceID`, trimmed; undefined when absent. */
  readonly impersonateAs: string | undefined;
}

export function readIntegrationsHeader(namespace: string, envelope: XmlElement): IntegrationsHeader {
  const header = envelope.children.find((c) => c.name === 'Header' && c.uri === SOAP_ENV_NS);
  const block = header?.children.find((c) => c.name === 'AutotaskIntegrations' && c.uri === namespace);
  const text = (name: string): string | undefined => block?.children.find((c) => c.name === name && c.uri === namespace)?.text.trim();
  return { integrationCode: text('IntegrationCode'), impersonateAs: text('ImpersonateAsResourceID') };
}
