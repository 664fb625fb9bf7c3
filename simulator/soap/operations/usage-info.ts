/** getThresholdAndUsageInfo: the rolling 60-minute request count, in the API's message format. */
import { atwsResponse } from '../response-xml.js';
import type { SoapOperation } from '../operation-context.js';

export const getThresholdAndUsageInfo: SoapOperation = {
  read: (_request, ctx) => ({
    run() {
      const usage = ctx.tenant.usageInfo();
      return atwsResponse({
        returnCode: 1,
        returnInfos: [
          {
            entityId: 0,
            action: 'None',
            message:
              `ThresholdOfExternalRequest: ${usage.threshold}; TimeframeOfLimitation: ${usage.timeframeMinutes}; ` +
              `numberOfExternalRequest: ${usage.count};`,
          },
        ],
      });
    },
  }),
};
