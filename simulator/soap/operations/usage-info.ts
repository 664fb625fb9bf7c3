/** getThresholdAndUsageInfo: the rolling 60-minute request count, in the API's message format. */
import { atwsResponse } from '../response-xml.js';
import type { OperationHandler } from '../operation-context.js';
import { USAGE_WINDOW_MINUTES } from '../../tenant/usage-window.js';

export const getThresholdAndUsageInfo: OperationHandler = (ctx) => {
  const { usage } = ctx.tenant;
  return atwsResponse({
    returnCode: 1,
    returnInfos: [
      {
        entityId: 0,
        action: 'None',
        message:
          `ThresholdOfExternalRequest: ${usage.threshold}; TimeframeOfLimitation: ${USAGE_WINDOW_MINUTES}; ` +
          `numberOfExternalRequest: ${usage.count()};`,
      },
    ],
  });
};
