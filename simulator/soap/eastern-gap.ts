/**
 * Local times that do not exist in US Eastern time: the hour skipped when clocks move ahead for
 * daylight saving time (2:00-2:59 on the second Sunday of March since 2007). Autotask's "Time and
 * date" page: an error occurs when a time falls within a range that does not map to UTC because
 * of an adjustment rule. The core time module reads such a time leniently (as the hour after), so
 * the API side checks for it here: a wall clock that does not survive the round trip is in the gap.
 */
import { formatEasternQuery, parseEastern } from 'atws/protocol';

/** The message .NET's time zone conversion gives for such a time, which ATWS runs on. */
export const INVALID_LOCAL_TIME =
  'The supplied DateTime represents an invalid time. For example, when the clock is adjusted forward, any time in the period that is skipped is invalid.';

// Date and time without a zone (a zone given names an instant, which is never in a gap).
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

/**
 * The problem with a date-time text that names a skipped local time; undefined for any other text
 * (valid, or not a date-time at all: that is the parser's to report).
 *
 * @example easternGapProblem('2025-03-09T02:30:00') // INVALID_LOCAL_TIME + " (2025-03-09T02:30:00)"
 */
export function easternGapProblem(text: string): string | undefined {
  const m = LOCAL_DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  let instant: Date;
  try {
    instant = parseEastern(text.trim());
  } catch {
    return undefined;
  }
  const written = `${m[1]} ${m[2]}:${m[3] ?? '00'}`;
  return formatEasternQuery(instant) === written ? undefined : `${INVALID_LOCAL_TIME} (${text.trim()})`;
}
