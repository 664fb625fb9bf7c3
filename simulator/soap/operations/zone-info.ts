/** getZoneInfo, anonymous: the zone of a known user is this server; an unknown user gets no URL and a negative ErrorCode (-1): "If the value of ErrorCode is negative, then there has been an error" (getZoneInfo page). */
import { childText } from 'atws/protocol/soap';
import { textElement } from '../response-xml.js';
import type { OperationHandler } from '../operation-context.js';
import { sameUser } from '../../tenant/authentication.js';

export const getZoneInfo: OperationHandler = (ctx) => {
  const user = (childText(ctx.request, 'UserName') ?? '').trim();
  if (!sameUser(user, ctx.tenant.options.username)) {
    return `<ErrorCode>-1</ErrorCode><CI>0</CI>`;
  }
  return (
    `${textElement('URL', ctx.asmxUrl)}<ErrorCode>0</ErrorCode>${textElement('DataBaseType', 'Simulator')}` +
    `<CI>1</CI>${textElement('WebUrl', `${ctx.baseUrl}/`)}`
  );
};
