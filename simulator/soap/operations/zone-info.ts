/** getZoneInfo, anonymous: the zone of a known user is this server; an unknown user gets no URL and a negative ErrorCode (-1): "If the value of ErrorCode is negative, then there has been an error" (getZoneInfo page). */
import { childText } from 'atws/protocol/soap';
import { textElement } from '../response-xml.js';
import type { SoapOperation } from '../operation-context.js';

export const getZoneInfo: SoapOperation = {
  read(request, ctx) {
    const user = (childText(request, 'UserName') ?? '').trim();
    return {
      run() {
        if (!ctx.tenant.isApiUser(user)) return `<ErrorCode>-1</ErrorCode><CI>0</CI>`;
        return (
          `${textElement('URL', ctx.asmxUrl)}<ErrorCode>0</ErrorCode>${textElement('DataBaseType', 'Simulator')}` +
          `<CI>1</CI>${textElement('WebUrl', `${ctx.baseUrl}/`)}`
        );
      },
    };
  },
};
