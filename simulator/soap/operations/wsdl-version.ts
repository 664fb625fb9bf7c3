/** GetWsdlVersion: the endpoint's version, the metadata revision when it belongs to this API version (1.6.1), else `<api>.0`. */
import { escapeXmlText } from 'atws/protocol/soap';
import type { OperationHandler } from '../operation-context.js';

export const getWsdlVersion: OperationHandler = (ctx) => {
  const { apiVersion, metadataVersion } = ctx.api.metadata;
  return escapeXmlText(metadataVersion.startsWith(`${apiVersion}.`) ? metadataVersion : `${apiVersion}.0`);
};
