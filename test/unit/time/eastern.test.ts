import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  easternOffsetMinutes,
  formatEasternDate,
  formatEasternQuery,
  formatEasternWallClock,
  formatEasternWire,
  parseEastern,
  throughEasternWallClock,
} from '../../../runtime/protocol/time/eastern.js';
import { UsageError } from '../../../runtime/protocol/errors.js';
import { intlEasternWallClock } from '../../support/intl-eastern.js';

/** The reference: America/New_York through Intl (ICU's tz data), as "YYYY-MM-DD HH:MM:SS". */
const intlEastern = (d: Date): string => intlEasternWallClock(d);

const iso = (d: Date): string => d.toISOString();

describe('formatEasternWire / formatEasternQuery', () => {
  it('writes the README example: 01:59:59.5 EST just before the 2024 spring change', () => {
    const d = new Date('2024-03-10T06:59:59.500Z');
    assert.equal(formatEasternWire(d), '2024-03-10T01:59:59.5');
    assert.equal(formatEasternQuery(d), '2024-03-10 01:59:59');
  });

  it('jumps from 01:59:59 EST to 03:00:00 EDT in March (2007 rules)', () => {
    assert.equal(formatEasternWire(new Date('2024-03-10T06:59:59Z')), '2024-03-10T01:59:59');
    assert.equal(formatEasternWire(new Date('2024-03-10T07:00:00Z')), '2024-03-10T03:00:00');
  });

  it('repeats 01:00-01:59 in November (2007 rules)', () => {
    assert.equal(formatEasternWallClock(new Date('2024-11-03T05:30:00Z')), '2024-11-03T01:30:00');
    assert.equal(formatEasternWallClock(new Date('2024-11-03T05:59:59.999Z')), '2024-11-03T01:59:59.999');
    assert.equal(formatEasternWire(new Date('2024-11-03T04:59:59.999Z')), '2024-11-03T00:59:59.999');
    assert.equal(formatEasternWire(new Date('2024-11-03T06:00:00Z')), '2024-11-03T01:00:00');
    assert.equal(formatEasternWire(new Date('2024-11-03T06:30:00Z')), '2024-11-03T01:30:00');
    assert.equal(formatEasternWire(new Date('2024-11-03T07:00:00Z')), '2024-11-03T02:00:00');
  });

  it('refuses to send an instant of the first, EDT, 01:00-01:59, which the API would read an hour later', () => {
    for (const text of ['2024-11-03T05:00:00Z', '2024-11-03T05:30:00Z', '2024-11-03T05:59:59.999Z', '2006-10-29T05:30:00Z']) {
      const d = new Date(text);
      for (const format of [formatEasternWire, formatEasternQuery]) {
        assert.throws(
          () => format(d),
          (e: unknown) =>
            e instanceof UsageError &&
            e.message.includes(d.toISOString()) &&
            /happens twice/.test(e.message) &&
            e.message.includes(new Date(d.getTime() + 3_600_000).toISOString()),
          text,
        );
      }
      assert.equal(iso(throughEasternWallClock(d)), iso(new Date(d.getTime() + 3_600_000)));
    }
    assert.match(
      (() => {
        try {
          formatEasternWire(new Date('2024-11-03T05:30:00Z'));
          return '';
        } catch (e) {
          return (e as Error).message;
        }
      })(),
      /^Date 2024-11-03T05:30:00\.000Z \(2024-11-03 01:30 EDT\) cannot be sent: .* reads it as 01:30 EST \(2024-11-03T06:30:00\.000Z\), an hour later/,
    );
    // Any other instant passes through unchanged, and the calendar day is never refused.
    const summer = new Date('2024-07-01T12:00:00Z');
    assert.equal(throughEasternWallClock(summer), summer);
    assert.equal(formatEasternDate(new Date('2024-11-03T05:30:00Z')), '2024-11-03');
  });

  it('uses the pre-2007 rules: first Sunday of April, last Sunday of October', () => {
    // 2006: DST from April 2 to October 29.
    assert.equal(formatEasternWire(new Date('2006-03-12T12:00:00Z')), '2006-03-12T07:00:00');
    assert.equal(formatEasternWire(new Date('2006-04-02T06:59:59Z')), '2006-04-02T01:59:59');
    assert.equal(formatEasternWire(new Date('2006-04-02T07:00:00Z')), '2006-04-02T03:00:00');
    assert.equal(formatEasternWallClock(new Date('2006-10-29T05:59:59Z')), '2006-10-29T01:59:59');
    assert.equal(formatEasternWire(new Date('2006-10-29T06:00:00Z')), '2006-10-29T01:00:00');
    assert.equal(formatEasternWire(new Date('2006-11-03T12:00:00Z')), '2006-11-03T07:00:00');
  });

  it('writes 0 to 3 fraction digits, dropping trailing zeros', () => {
    const base = Date.UTC(2024, 0, 15, 17, 4, 5);
    assert.equal(formatEasternWire(new Date(base)), '2024-01-15T12:04:05');
    assert.equal(formatEasternWire(new Date(base + 500)), '2024-01-15T12:04:05.5');
    assert.equal(formatEasternWire(new Date(base + 120)), '2024-01-15T12:04:05.12');
    assert.equal(formatEasternWire(new Date(base + 7)), '2024-01-15T12:04:05.007');
    assert.equal(formatEasternQuery(new Date(base + 999)), '2024-01-15 12:04:05');
  });

  it('handles leap days and the year boundary', () => {
    assert.equal(formatEasternWire(new Date('2024-02-29T23:00:00Z')), '2024-02-29T18:00:00');
    assert.equal(formatEasternWire(new Date('2024-03-01T04:59:59Z')), '2024-02-29T23:59:59');
    assert.equal(formatEasternWire(new Date('2025-01-01T04:59:59Z')), '2024-12-31T23:59:59');
    assert.equal(formatEasternWire(new Date('2000-02-29T12:00:00Z')), '2000-02-29T07:00:00');
  });

  it('reports the offset in minutes', () => {
    assert.equal(easternOffsetMinutes(new Date('2024-07-01T12:00:00Z')), -240);
    assert.equal(easternOffsetMinutes(new Date('2024-01-01T12:00:00Z')), -300);
  });

  it('rejects an invalid Date or a non-Date with UsageError', () => {
    assert.throws(() => formatEasternWire(new Date(Number.NaN)), UsageError);
    assert.throws(() => formatEasternQuery('2024-01-01' as unknown as Date), /Expected a valid Date, got "2024-01-01"/);
    assert.throws(
      () => formatEasternWire(new Date('+010000-01-02T00:00:00Z')),
      /after 9999-12-31 23:59:59\.999 US Eastern time \(\+010000-01-01T04:59:59\.999Z\), the latest/,
    );
  });

  it('names the Eastern bounds of the years ATWS carries: 0001-01-01 00:00 Eastern is 05:00Z', () => {
    assert.throws(
      () => formatEasternWire(new Date('0001-01-01T00:00:00Z')),
      /^UsageError: Date 0001-01-01T00:00:00\.000Z is before 0001-01-01 00:00:00 US Eastern time \(0001-01-01T05:00:00\.000Z\), the earliest date-time ATWS can carry$/,
    );
    assert.equal(formatEasternWire(new Date('0001-01-01T05:00:00Z')), '0001-01-01T00:00:00');
    assert.equal(formatEasternWire(new Date('9999-12-31T23:00:00Z')), '9999-12-31T18:00:00');
  });

  it('changes offset at the same instants as Intl America/New_York, 1967-2040', () => {
    // Intl's offset at an instant: its wall clock read as UTC, minus the instant.
    const intlOffset = (ms: number): number =>
      (Date.parse(`${intlEastern(new Date(ms)).replace(' ', 'T')}Z`) - Math.floor(ms / 1000) * 1000) / 60_000;
    // The first whole second in [lo, hi) whose Intl offset differs from lo's.
    const transition = (lo: number, hi: number): number => {
      const before = intlOffset(lo);
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (intlOffset(mid) === before) lo = mid;
        else hi = mid;
      }
      return hi;
    };
    for (let year = 1967; year <= 2040; year++) {
      const spring = transition(Date.UTC(year, 0, 1), Date.UTC(year, 6, 1));
      const autumn = transition(Date.UTC(year, 6, 1), Date.UTC(year, 11, 31));
      for (const t of [spring, autumn]) {
        assert.equal(easternOffsetMinutes(new Date(t - 1)), intlOffset(t - 1), iso(new Date(t - 1)));
        assert.equal(easternOffsetMinutes(new Date(t)), intlOffset(t), iso(new Date(t)));
      }
      assert.equal(easternOffsetMinutes(new Date(spring)), -240, `${year} spring`);
      assert.equal(easternOffsetMinutes(new Date(autumn)), -300, `${year} autumn`);
    }
  });

  it('agrees with Intl for arbitrary instants 1967-2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1967, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const d = new Date(ms);
        assert.equal(formatEasternWallClock(d).replace('T', ' ').slice(0, 19), intlEastern(d));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('parseEastern', () => {
  it('reads the wire form and the query form', () => {
    assert.equal(iso(parseEastern('2024-03-10T01:59:59.5')), '2024-03-10T06:59:59.500Z');
    assert.equal(iso(parseEastern('2024-03-10 01:59:59')), '2024-03-10T06:59:59.000Z');
    assert.equal(iso(parseEastern('2024-07-01T08:00:00')), '2024-07-01T12:00:00.000Z');
    assert.equal(iso(parseEastern('2024-07-01T08:00')), '2024-07-01T12:00:00.000Z');
    assert.equal(iso(parseEastern('2024-07-01')), '2024-07-01T04:00:00.000Z');
    assert.equal(iso(parseEastern('  2024-01-01T00:00:00  ')), '2024-01-01T05:00:00.000Z');
  });

  it('reads 0 to 9 fraction digits, truncating to milliseconds', () => {
    assert.equal(iso(parseEastern('2024-01-15T12:04:05.1')), '2024-01-15T17:04:05.100Z');
    assert.equal(iso(parseEastern('2024-01-15T12:04:05.12')), '2024-01-15T17:04:05.120Z');
    assert.equal(iso(parseEastern('2024-01-15T12:04:05.123')), '2024-01-15T17:04:05.123Z');
    assert.equal(iso(parseEastern('2024-01-15T12:04:05.1239999')), '2024-01-15T17:04:05.123Z');
  });

  it('honours an explicit zone', () => {
    assert.equal(iso(parseEastern('2024-07-01T08:00:00Z')), '2024-07-01T08:00:00.000Z');
    assert.equal(iso(parseEastern('2024-07-01T08:00:00+02:00')), '2024-07-01T06:00:00.000Z');
    assert.equal(iso(parseEastern('2024-07-01T08:00:00.25-0330')), '2024-07-01T11:30:00.250Z');
  });

  it('reads a time skipped in spring with the offset before the gap (02:30 -> 03:30 EDT)', () => {
    const d = parseEastern('2024-03-10T02:30:00');
    assert.equal(iso(d), '2024-03-10T07:30:00.000Z');
    assert.equal(formatEasternWire(d), '2024-03-10T03:30:00');
    assert.equal(iso(parseEastern('2006-04-02T02:00:00')), '2006-04-02T07:00:00.000Z');
  });

  it('reads a time repeated in autumn as standard time (EST), as .NET does', () => {
    assert.equal(iso(parseEastern('2024-11-03T01:30:00')), '2024-11-03T06:30:00.000Z');
    assert.equal(iso(parseEastern('2024-11-03T01:00:00')), '2024-11-03T06:00:00.000Z');
    assert.equal(iso(parseEastern('2024-11-03 01:59:59')), '2024-11-03T06:59:59.000Z');
    assert.equal(iso(parseEastern('2024-11-03T00:59:59')), '2024-11-03T04:59:59.000Z');
    assert.equal(iso(parseEastern('2024-11-03T02:00:00')), '2024-11-03T07:00:00.000Z');
    assert.equal(iso(parseEastern('2006-10-29T01:30:00')), '2006-10-29T06:30:00.000Z');
  });

  it('checks leap years', () => {
    assert.equal(iso(parseEastern('2024-02-29T00:00:00')), '2024-02-29T05:00:00.000Z');
    assert.equal(iso(parseEastern('2000-02-29T00:00:00')), '2000-02-29T05:00:00.000Z');
    assert.throws(() => parseEastern('2023-02-29T00:00:00'), /out of range/);
    assert.throws(() => parseEastern('1900-02-29T00:00:00'), /out of range/);
  });

  it('rejects malformed text with a UsageError quoting it', () => {
    for (const bad of [
      '',
      'yesterday',
      '2024-1-01',
      '2024-01-01T25:00:00',
      '2024-13-01',
      '2024-04-31',
      '2024-01-01T10:60:00',
      '2024-01-01T10:00:60',
      '2024-01-01T10:00:00+25:00',
      '0000-01-01',
      '2024-01-01T',
    ]) {
      assert.throws(
        () => parseEastern(bad),
        (e: unknown) => e instanceof UsageError && e.message.includes(JSON.stringify(bad)),
        bad,
      );
    }
    assert.throws(() => parseEastern(42 as unknown as string), /number 42/);
  });

  it('round-trips every instant it sends through the wire form, and refuses the rest (property)', () => {
    const check = (ms: number): void => {
      const d = new Date(ms);
      let text: string;
      try {
        text = formatEasternWire(d);
      } catch (error) {
        // Only the first occurrence of the autumn's repeated hour is refused: the API reads its wall clock as EST.
        assert.ok(error instanceof UsageError, iso(d));
        assert.equal(easternOffsetMinutes(d), -240, iso(d));
        assert.equal(easternOffsetMinutes(new Date(ms + 3_600_000)), -300, iso(d));
        assert.equal(intlEasternWallClock(new Date(ms + 3_600_000), true), intlEasternWallClock(d, true), iso(d));
        return;
      }
      assert.equal(parseEastern(text).getTime(), ms, iso(d));
    };
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), check), { numRuns: 20_000 });
    // Around each November change of 2020-2030, minute by minute.
    for (let year = 2020; year <= 2030; year++) {
      const change = Date.parse(`${year}-11-0${[1, 7, 6, 5, 3, 2, 1, 7, 5, 4, 3][year - 2020]}T06:00:00Z`);
      for (let ms = change - 2 * 3_600_000; ms < change + 2 * 3_600_000; ms += 60_000) check(ms);
    }
  });

  it('matches Intl when reading any wall-clock text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1967, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const d = new Date(Math.floor(ms / 1000) * 1000);
        const text = intlEastern(d);
        const back = parseEastern(text);
        assert.equal(intlEastern(back), text);
      }),
      { numRuns: 5_000 },
    );
  });
});
