/** GetWsdlVersion: the endpoint's version, the metadata revision when it belongs to this API version (1.6.1), else `<api>.0`. */
import { escapeXmlText } from 'atws/protocol/soap';
import type { SoapOperation } from '../operation-context.js';

export const getWsdlVersion: SoapOperation = {
  read: (_request, ctx) => ({
    run() {
      const { apiVersion, metadataVersion } = ctx.api.metadata;
      return escapeXmlText(metadataVersion.startsWith(`${apiVersion}.`) ? metadataVersion : `${apiVersion}.0`);
    },
  }),
};
