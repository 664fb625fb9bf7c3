/**
 * The API's request budget and its use, as `getThresholdAndUsageInfo` (SOAP) or `ThresholdInformation`
 * (REST) report it; what the usage pacer reads.
 */

/** The API request budget: `count` requests of `threshold` allowed per `timeframe` minutes. */
export interface ThresholdAndUsage {
  readonly threshold: number;
  /** The rolling window, in minutes. */
  readonly timeframe: number;
  readonly count: number;
  /** `count` as a percentage of `threshold`. */
  readonly percent: number;
}
