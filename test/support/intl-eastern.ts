/**
 * An independent reference for US Eastern wall-clock time: America/New_York through Intl (ICU's
 * time-zone data), never through runtime/protocol/time/eastern.ts, so that tests can check the runtime (and the
 * simulator's date semantics) against something it does not share code with.
 */
const newYork = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "YYYY-MM-DD HH:MM:SS", or with `withMillis` "YYYY-MM-DD HH:MM:SS.mmm", in New York. */
export function intlEasternWallClock(d: Date, withMillis = false): string {
  const parts = Object.fromEntries(newYork.formatToParts(d).map((p) => [p.type, p.value]));
  const base = `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
  return withMillis ? `${base}.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : base;
}
