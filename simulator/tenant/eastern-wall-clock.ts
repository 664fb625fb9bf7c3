/**
 * Date-times as the tenant keeps them: Autotask holds them as US Eastern wall clock and converts
 * with .NET's TimeZoneInfo, whatever wire they came in on. The hour repeated when the clocks move
 * back (1:00-1:59 on the first Sunday of November) exists twice and is read as standard time (the
 * core time module does so, as .NET's ConvertTimeToUtc), so an instant of the first, EDT,
 * 1:00-1:59 that the simulator makes itself (a stamp, seed data) is kept as the EST instant its
 * wall clock reads back as.
 */
import { throughEasternWallClock, type FieldValue } from 'atws/protocol';

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
