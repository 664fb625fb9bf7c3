/**
 * `getThresholdAndUsageInfo` hides its figures in a message:
 * `ThresholdOfExternalRequest: 10000; TimeframeOfLimitation: 60; numberOfExternalRequest: 17;`.
 */
import { ApiError } from '../transport/api-error.js';
import type { AtwsResponseSummary } from './atws-response-decoder.js';
import type { ThresholdAndUsage } from '../transport/usage-info.js';
import { quote } from '../../protocol/redaction.js';

export function parseThresholdMessage(message: string): ThresholdAndUsage {
  const figures = new Map<string, number>();
  for (const part of message.split(';')) {
    const match = /^\s*(\w+)\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (match?.[1] !== undefined && match[2] !== undefined) figures.set(match[1].toLowerCase(), Number(match[2]));
  }
  const threshold = figures.get('thresholdofexternalrequest');
  const timeframe = figures.get('timeframeoflimitation');
  const count = figures.get('numberofexternalrequest');
  if (threshold === undefined || timeframe === undefined || count === undefined) {
    throw new ApiError(`getThresholdAndUsageInfo: cannot read the figures from ${JSON.stringify(quote(message, 200))}`, {
      operation: 'getThresholdAndUsageInfo',
      messages: [message],
    });
  }
  return { threshold, timeframe, count, percent: threshold === 0 ? 0 : Math.round((count / threshold) * 10_000) / 100 };
}

/** Reads the figures of a `getThresholdAndUsageInfo` answer. */
export function readThresholdAndUsage(summary: AtwsResponseSummary): ThresholdAndUsage {
  const message = summary.entityReturnInfo.map((info) => info.message).find((m) => /ThresholdOfExternalRequest/i.test(m));
  if (message === undefined) {
    throw new ApiError(`getThresholdAndUsageInfo: the answer holds no figures${summary.errors.length ? `: ${summary.errors.join('; ')}` : ''}`, {
      operation: 'getThresholdAndUsageInfo',
      messages: [...summary.errors],
    });
  }
  return parseThresholdMessage(message);
}
