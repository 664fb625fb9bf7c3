/**
 * The two hours a year where US Eastern wall clock and instants do not map one to one, as the
 * API side handles them (Autotask keeps date-times as Eastern wall clock and converts them with
 * .NET's TimeZoneInfo):
 * - the hour skipped when clocks move ahead for daylight saving time (2:00-2:59 on the second
 *   Sunday of March since 2007) does not exist. Autotask's "Time and date" page: an error occurs
 *   when a time falls within a range that does not map to UTC because of an adjustment rule. The
 *   core time module reads such a time leniently (as the hour after), so the API side checks for
 *   it here: a wall clock that does not survive the round trip is in the gap;
 * - the hour repeated when they move back (1:00-1:59 on the first Sunday of November) exists
 *   twice. It is read as standard time (the core module does so, as .NET's ConvertTimeToUtc), and
 *   a value kept by the tenant is its wall clock: an instant of the first 1:00-1:59 (EDT) that the
 *   simulator makes itself (a stamp, seed data) is kept as the EST instant it reads back as.
 */
import { formatEasternQuery, parseEastern, throughEasternWallClock, type FieldValue } from 'atws/protocol';

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

/**
 * Date-time values as the tenant keeps them, Eastern wall clock: an instant in the repeated EDT
 * hour is replaced, in place, by the EST instant its wall clock reads as. Returns `values`.
 *
 * @example keptAsWallClock({ DueDateTime: new Date('2024-11-03T05:30:00Z') }) // DueDateTime 06:30Z
 */
export function keptAsWallClock(values: Record<string, FieldValue>): Record<string, FieldValue> {
  for (const name in values) {
    const value = values[name];
    if (value instanceof Date) {
      const kept = throughEasternWallClock(value);
      if (kept !== value) values[name] = kept;
    }
  }
  return values;
}
