/**
 * ATWS date-times carry no zone: they are US Eastern wall-clock time (the API's time zone). This
 * module converts between those wall-clock texts and instants (`Date`), with the US daylight
 * saving rules written out by hand: they are few, stable, and much faster than going through
 * `Intl` for every field of every entity.
 *
 * Rules (as in the IANA `America/New_York` zone):
 * - 2007 on: second Sunday of March 2:00 EST to first Sunday of November 2:00 EDT;
 * - 1987-2006: first Sunday of April to last Sunday of October;
 * - 1976-1986 and 1967-1973: last Sunday of April to last Sunday of October;
 * - 1974: January 6 to October 27; 1975: February 23 to October 26;
 * - before 1967: standard time (EST) all year (New York's older local rules are not modelled).
 *
 * Wall-clock times that do not exist or exist twice:
 * - a time skipped by the spring-forward gap is read with the offset in force before the gap
 *   (02:30 on the March changeover day is 03:30 EDT), as `Temporal`'s "compatible" does; Autotask
 *   refuses such a time (its "Time and date" page), which the simulator checks (eastern-gap.ts);
 * - a time repeated at the autumn fall-back (01:00-01:59 on the November changeover day) is read
 *   as standard time, the second of the two (01:30 is 01:30 EST), as .NET's
 *   `TimeZoneInfo.ConvertTimeToUtc`, which Autotask runs on, reads an ambiguous time. So the
 *   first of the two, an instant in 01:00-01:59 EDT, cannot be written: its wall clock would come
 *   back an hour later. The formatters refuse it with a `UsageError` rather than shift it.
 */
import { UsageError } from '../errors.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EST_OFFSET = -5 * HOUR;
const EDT_OFFSET = -4 * HOUR;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12); exact for any year. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** 0 = Sunday. 1970-01-01 was a Thursday. */
function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

function nthSunday(year: number, month: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((7 - weekday(first)) % 7) + (n - 1) * 7;
}

function lastSunday(year: number, month: number): number {
  const last = daysFromCivil(year, month + 1, 1) - 1;
  return last - weekday(last);
}

/** [start, end) of daylight saving time in a year, as UTC epoch milliseconds; undefined when none. */
type DstWindow = readonly [start: number, end: number] | undefined;
const windows = new Map<number, DstWindow>();

function dstWindow(year: number): DstWindow {
  let window = windows.get(year);
  if (window !== undefined || windows.has(year)) return window;
  let startDay: number | undefined;
  let endDay = 0;
  if (year >= 2007) {
    startDay = nthSunday(year, 3, 2);
    endDay = nthSunday(year, 11, 1);
  } else if (year >= 1987) {
    startDay = nthSunday(year, 4, 1);
    endDay = lastSunday(year, 10);
  } else if (year === 1974) {
    startDay = daysFromCivil(1974, 1, 6);
    endDay = daysFromCivil(1974, 10, 27);
  } else if (year === 1975) {
    startDay = daysFromCivil(1975, 2, 23);
    endDay = daysFromCivil(1975, 10, 26);
  } else if (year >= 1967) {
    startDay = lastSunday(year, 4);
    endDay = lastSunday(year, 10);
  }
  // Both changes happen at 2:00 local: 2:00 EST = 07:00 UTC in spring, 2:00 EDT = 06:00 UTC in autumn.
  window = startDay === undefined ? undefined : [startDay * DAY + 7 * HOUR, endDay * DAY + 6 * HOUR];
  windows.set(year, window);
  return window;
}

// The last year asked for and its bounds: consecutive instants mostly fall in the same year, so
// most calls skip making a Date just to read its year.
let cachedYear = 0;
let cachedYearStart = Number.NaN;
let cachedYearEnd = Number.NaN;

/** The UTC year of an instant; the DST windows lie far from year ends, so UTC's year is Eastern's. */
function utcYear(ms: number): number {
  if (ms >= cachedYearStart && ms < cachedYearEnd) return cachedYear;
  const year = new Date(ms).getUTCFullYear();
  cachedYear = year;
  cachedYearStart = daysFromCivil(year, 1, 1) * DAY;
  cachedYearEnd = daysFromCivil(year + 1, 1, 1) * DAY;
  return year;
}

function offsetAt(ms: number): number {
  const window = dstWindow(utcYear(ms));
  return window !== undefined && ms >= window[0] && ms < window[1] ? EDT_OFFSET : EST_OFFSET;
}

/**
 * Whether an instant is in the last hour of daylight saving time (01:00-01:59:59.999 EDT on the
 * autumn changeover day): its wall clock repeats an hour later in EST, which is how it is read.
 */
function inRepeatedEdtHour(ms: number): boolean {
  const window = dstWindow(utcYear(ms));
  return window !== undefined && ms >= window[1] - HOUR && ms < window[1];
}

/**
 * The instant a Date comes back as after it is written as Eastern wall clock and read again: the
 * same instant, except in the last hour of daylight saving time, which comes back an hour later
 * (as its wall clock in EST). What a server keeping Eastern wall clock, as Autotask does, holds.
 *
 * @example throughEasternWallClock(new Date('2024-11-03T05:30:00Z')).toISOString() // "2024-11-03T06:30:00.000Z"
 */
export function throughEasternWallClock(d: Date): Date {
  const ms = instantOf(d);
  return inRepeatedEdtHour(ms) ? new Date(ms + HOUR) : d;
}

/**
 * The offset of US Eastern time from UTC at an instant, in minutes (-300 for EST, -240 for EDT).
 *
 * @example easternOffsetMinutes(new Date('2024-07-01T12:00:00Z')) // -240
 */
export function easternOffsetMinutes(d: Date): number {
  return offsetAt(instantOf(d)) / 60_000;
}

function instantOf(d: Date): number {
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(`Expected a valid Date, got ${d instanceof Date ? 'an invalid Date' : describe(d)}`);
  }
  return ms;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  return `${typeof value} ${String(value)}`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const FRACTIONS = Array.from({ length: 1000 }, (_, i) => (i === 0 ? '' : `.${String(i).padStart(3, '0').replace(/0+$/, '')}`));

/**
 * `YYYY-MM-DD?HH:MM:SS` of a wall-clock time (epoch milliseconds read as UTC fields), by integer
 * arithmetic (the inverse of daysFromCivil) rather than a Date and its getters: the simulator
 * writes every date of every entity it answers with this.
 */
function datePart(wall: number, separator: string): string {
  const days = Math.floor(wall / DAY);
  let rest = wall - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / HOUR);
  rest -= hour * HOUR;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return (
    `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}` +
    `${separator}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`
  );
}

const FIRST_WALL_MS = daysFromCivil(1, 1, 1) * DAY;
const END_WALL_MS = daysFromCivil(10_000, 1, 1) * DAY;

/** The wall-clock milliseconds of an instant, checked to lie in the years ATWS can carry. */
function wallMs(d: Date): number {
  const ms = instantOf(d);
  const wall = ms + offsetAt(ms);
  if (wall < FIRST_WALL_MS) {
    throw new UsageError(
      `Date ${d.toISOString()} is before 0001-01-01 00:00:00 US Eastern time (${new Date(FIRST_WALL_MS - EST_OFFSET).toISOString()}), the earliest date-time ATWS can carry`,
    );
  }
  if (wall >= END_WALL_MS) {
    throw new UsageError(
      `Date ${d.toISOString()} is after 9999-12-31 23:59:59.999 US Eastern time (${new Date(END_WALL_MS - 1 - EST_OFFSET).toISOString()}), the latest date-time ATWS can carry`,
    );
  }
  return wall;
}

/** {@link wallMs} of an instant whose wall clock reads back as itself; refuses the repeated EDT hour. */
function sendableWallMs(d: Date): number {
  const wall = wallMs(d);
  const ms = d.getTime();
  if (inRepeatedEdtHour(ms)) {
    const clock = datePart(wall, ' ');
    const time = clock.slice(11, 16);
    throw new UsageError(
      `Date ${d.toISOString()} (${clock.slice(0, 16)} EDT) cannot be sent: ATWS date-times are US Eastern wall clock ` +
        `without an offset, ${time} happens twice that night, and Autotask reads it as ${time} EST ` +
        `(${new Date(ms + HOUR).toISOString()}), an hour later. Send a time outside 01:00-01:59 EDT, or that one if EST was meant`,
    );
  }
  return wall;
}

/**
 * Writes an instant as ATWS takes date-times: US Eastern wall clock, no zone, 0-3 fraction digits
 * (trailing zeros dropped). An instant in the last hour of daylight saving time throws a
 * `UsageError`: its wall clock repeats in EST, which is how Autotask reads it.
 *
 * @example formatEasternWire(new Date('2024-03-10T06:59:59.500Z')) // "2024-03-10T01:59:59.5"
 */
export function formatEasternWire(d: Date): string {
  const wall = sendableWallMs(d);
  const millis = wall - Math.floor(wall / 1000) * 1000;
  return datePart(wall, 'T') + (FRACTIONS[millis] as string);
}

/**
 * Writes an instant as a server keeping Eastern wall clock answers it: as {@link formatEasternWire},
 * but an instant in the repeated hour is written as its wall clock all the same (and so reads back
 * an hour later, as Autotask's own answers do).
 *
 * @example formatEasternWallClock(new Date('2024-11-03T05:30:00Z')) // "2024-11-03T01:30:00"
 */
export function formatEasternWallClock(d: Date): string {
  const wall = wallMs(d);
  const millis = wall - Math.floor(wall / 1000) * 1000;
  return datePart(wall, 'T') + (FRACTIONS[millis] as string);
}

/**
 * Writes an instant as queryxml wants date values: `YYYY-MM-DD HH:MM:SS`, US Eastern, fraction
 * dropped. Like {@link formatEasternWire}, it refuses an instant in the last hour of daylight
 * saving time, whose wall clock the API would read an hour later.
 *
 * @example formatEasternQuery(new Date('2024-03-10T06:59:59Z')) // "2024-03-10 01:59:59"
 */
export function formatEasternQuery(d: Date): string {
  return datePart(sendableWallMs(d), ' ');
}

/**
 * The US Eastern calendar day of an instant, `YYYY-MM-DD` (never ambiguous).
 *
 * @example formatEasternDate(new Date('2024-07-01T03:00:00Z')) // "2024-06-30"
 */
export function formatEasternDate(d: Date): string {
  return datePart(wallMs(d), ' ').slice(0, 10);
}

// YYYY-MM-DD, then optionally T or space and HH:MM[:SS[.fraction]], then optionally Z or ±HH[:]MM.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Reads a date-time as ATWS writes it (`2024-03-10T01:59:59.5`) or as queryxml does
 * (`2024-03-10 01:59:59`), as US Eastern wall clock. A date alone means midnight; an explicit `Z`
 * or `±HH:MM` is honoured instead of Eastern; more than 3 fraction digits are truncated to
 * milliseconds. Throws `UsageError` naming the text when it is no such date-time.
 *
 * @example parseEastern('2024-07-01T08:00:00').toISOString() // "2024-07-01T12:00:00.000Z"
 */
export function parseEastern(text: string): Date {
  const m = typeof text === 'string' ? DATE_TIME.exec(text.trim()) : null;
  if (m === null) {
    throw new UsageError(`Not a date-time: ${describe(text)} (expected YYYY-MM-DDTHH:MM:SS[.fff] or YYYY-MM-DD HH:MM:SS)`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const monthDays = MONTH_DAYS[month - 1];
  if (
    year < 1 ||
    monthDays === undefined ||
    day < 1 ||
    day > (month === 2 && !isLeapYear(year) ? 28 : monthDays) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new UsageError(`Not a valid date-time: ${describe(text)} (a field is out of range)`);
  }
  const wall = daysFromCivil(year, month, day) * DAY + hour * HOUR + minute * 60_000 + second * 1000 + millis;
  const zone = m[8];
  if (zone !== undefined) return new Date(wall - zoneOffset(zone, text));
  // Standard time first: a wall clock the autumn repeats is read as EST, as .NET reads it. Then
  // daylight time; a wall clock that is neither sits in the spring gap and reads as EST.
  const asEst = wall - EST_OFFSET;
  if (offsetAt(asEst) === EST_OFFSET) return new Date(asEst);
  const asEdt = wall - EDT_OFFSET;
  return new Date(offsetAt(asEdt) === EDT_OFFSET ? asEdt : asEst);
}

/** The offset in force all day long on one Eastern day, cached for the last day asked. */
let cachedDay = Number.NaN;
/** NaN when the offset changes during that day (a DST changeover day). */
let cachedDayOffset = Number.NaN;

function wholeDayOffset(days: number, year: number): number {
  if (days === cachedDay) return cachedDayOffset;
  const window = dstWindow(year);
  let offset: number = EST_OFFSET;
  if (window !== undefined) {
    const startDay = Math.floor(window[0] / DAY);
    const endDay = Math.floor(window[1] / DAY);
    if (days === startDay || days === endDay) offset = Number.NaN;
    else if (days > startDay && days < endDay) offset = EDT_OFFSET;
  }
  cachedDay = days;
  cachedDayOffset = offset;
  return offset;
}

/** Two ASCII digits at `i` as a number, or NaN. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * The fast path of {@link parseEastern} for the one shape ATWS sends, `YYYY-MM-DDTHH:MM:SS` with
 * an optional 1-3 digit fraction: read with `charCodeAt`, the Eastern offset cached per day.
 * Returns undefined for any other text (and for the hours around a DST change), which the
 * general {@link parseEastern} then reads or rejects.
 *
 * @example parseEasternFast('2024-07-01T08:00:00')?.toISOString() // "2024-07-01T12:00:00.000Z"
 */
export function parseEasternFast(text: string): Date | undefined {
  const length = text.length;
  if (length !== 19 && (length < 21 || length > 23)) return undefined;
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  let millis = 0;
  if (length > 19) {
    if (text.charCodeAt(19) !== 46) return undefined;
    for (let i = 20, scale = 100; i < 23; i++, scale /= 10) {
      if (i >= length) break;
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      millis += digit * scale;
    }
  }
  // NaN fails every comparison, so a non-digit anywhere lands here too.
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  if (day > (month === 2 && !isLeapYear(year) ? 28 : (MONTH_DAYS[month - 1] as number))) return undefined;
  const days = daysFromCivil(year, month, day);
  const offset = wholeDayOffset(days, year);
  if (Number.isNaN(offset)) return undefined;
  return new Date(days * DAY + hour * HOUR + minute * 60_000 + second * 1000 + millis - offset);
}

function zoneOffset(zone: string, text: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) {
    throw new UsageError(`Not a valid date-time: ${describe(text)} (bad zone offset ${zone})`);
  }
  return sign * (hours * HOUR + minutes * 60_000);
}
