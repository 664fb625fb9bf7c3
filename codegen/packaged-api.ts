/**
 * The package's own description of an API version (its generated metadata and WSDL structure) and
 * the derived REST model, for a pull over REST: REST serves no WSDL, and its entityInformation
 * answers name REST's collections and fields and carry no field labels, descriptions or default
 * values, so the SOAP-named snapshot is built on what the package already knows of the version, the
 * description the REST model was derived against. Loaded on demand: the rest of codegen never
 * depends on generated code (which it writes).
 */
import type { ApiMetadata, ApiVersion, RestModel } from 'atws/protocol';

export async function packagedApi(version: ApiVersion) {
  const [{ restModel }, { metadata }, { wsdlDocument }] =
    version === '1.5'
      ? await Promise.all([import('atws/rest-model'), import('atws/v1_5/metadata'), import('atws/v1_5/wsdl-document')])
      : await Promise.all([import('atws/rest-model'), import('atws/v1_6/metadata'), import('atws/v1_6/wsdl-document')]);
  const known: { readonly metadata: ApiMetadata; readonly restModel: RestModel } = { metadata, restModel };
  return { ...known, wsdlDocument, wsdlLabel: `atws/v${version.replace('.', '_')}/wsdl-document` };
}
