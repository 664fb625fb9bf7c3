/**
 * One SOAP operation of an ATWS WSDL, as data: declared here once for the three that use it. The
 * code generator reads it out of the WSDL, each generated `operations.ts` `satisfies` it, the client
 * builds its requests from it, and the simulator routes requests by its `requestElement`.
 */
export interface OperationDescriptor {
  readonly name: string;
  readonly soapAction: string;
  /** The wrapper elements of the document/literal wrapped style: `query`, `queryResponse`, `queryResult`. */
  readonly requestElement: string;
  readonly responseElement: string;
  readonly resultElement: string;
  /** The result's type (local name), e.g. "ATWSResponse", "long", "string". */
  readonly resultType: string;
  readonly parameters: readonly { readonly name: string; readonly type: string }[];
  /** The SOAP headers the input takes (their part names): ["AutotaskIntegrations"], or [] for getZoneInfo. */
  readonly headers: readonly string[];
  readonly documentation?: string;
}
