import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { likeMatcher, soundex } from '../../../simulator/tenant/text-match.js';
import { FaultInjector, parseFaultSpec } from '../../../simulator/http/faults.js';
import { seededRandom } from '../../../simulator/tenant/seeded-random.js';
import { UsageWindow } from '../../../simulator/tenant/usage-window.js';

describe('SQL Server text matching', () => {
  it('computes SOUNDEX as SQL Server does', () => {
    const cases: Array<[string, string]> = [
      ['Robert', 'R163'],
      ['Rupert', 'R163'],
      ['Rubin', 'R150'],
      ['Ashcraft', 'A261'],
      ['Ashcroft', 'A261'],
      ['Tymczak', 'T522'],
      ['Pfister', 'P236'],
      ['Smith', 'S530'],
      ['Smyth', 'S530'],
      ['Schmidt', 'S530'],
      ['Lee', 'L000'],
      ['', ''],
      ['123', ''],
      ["o'Brien", 'O165'],
    ];
    for (const [text, code] of cases) assert.equal(soundex(text), code, text);
  });

  it('compiles LIKE patterns with %, _ and [] classes, case-insensitively', () => {
    assert.ok(likeMatcher('prin%')('Printer offline'));
    assert.ok(likeMatcher('%OFF%')('Printer offline'));
    assert.ok(likeMatcher('_ouse')('Mouse'));
    assert.ok(!likeMatcher('_ouse')('Mouses'));
    assert.ok(likeMatcher('[mh]ouse')('house'));
    assert.ok(!likeMatcher('[^mh]ouse')('house'));
    assert.ok(likeMatcher('a.b(c)*')('A.B(C)*'));
    assert.ok(likeMatcher('[a-c]x%')('Bxyz') && !likeMatcher('[a-c]x%')('dx'));
    assert.ok(likeMatcher('%a%b')('xaxxb') && !likeMatcher('%a%b')('xbxa'));
    assert.ok(!likeMatcher('a.b')('axb'));
    assert.ok(likeMatcher('50[%]')('50%'));
  });

  it('tests a class by its ranges merged and searched: overlapping, backwards, negated and thousands of them', () => {
    const overlapping = likeMatcher('[x-zc-ea-d]');
    assert.deepEqual(['a', 'b', 'e', 'f', 'w', 'y'].map(overlapping), [true, true, true, false, false, true]);
    assert.ok(likeMatcher('[a-zb-cd-e]')('y'), 'a range holding later ones');
    assert.ok(!likeMatcher('[z-a]')('m'), 'a range written backwards holds nothing');
    assert.ok(likeMatcher('[^z-a]')('m'));
    assert.ok(!likeMatcher('[^a-cx]')('b') && !likeMatcher('[^a-cx]')('x') && likeMatcher('[^a-cx]')('d'));
    const cjk = (i: number): string => String.fromCharCode(0x4e00 + i);
    const everyOther = likeMatcher(`[${Array.from({ length: 1000 }, (_, i) => `${cjk(2 * i)}-${cjk(2 * i)}`).join('')}]`);
    assert.ok(everyOther(cjk(1000)) && !everyOther(cjk(1001)) && everyOther(cjk(0)) && everyOther(cjk(1998)) && !everyOther(cjk(1999)));
  });

  it('refuses a text shorter than the characters a pattern demands without walking it', () => {
    assert.ok(!likeMatcher('%abc_')('abc'));
    assert.ok(likeMatcher('%abc_')('xabcd'));
    assert.ok(!likeMatcher(`%${'a'.repeat(3000)}b`)('a'.repeat(2999)));
  });
});

describe('fault injection', () => {
  it('parses a fault spec and names what is wrong', () => {
    assert.deepEqual(parseFaultSpec('reset=0.05,http500=0.02,slow=0.02:3000'), { reset: 0.05, http500: 0.02, slow: 0.02, slowMs: 3000 });
    assert.deepEqual(parseFaultSpec(''), { reset: 0, http500: 0, slow: 0, slowMs: 3000 });
    assert.throws(() => parseFaultSpec('reset=0.1:40'), /only slow takes a duration/);
    assert.throws(() => parseFaultSpec('drop=0.1'), /Bad fault "drop=0.1"/);
  });

  it('draws the same decisions from the same seed, in the proportions asked', () => {
    const spec = parseFaultSpec('reset=0.1,http500=0.2,slow=0.3:10');
    const a = new FaultInjector(spec, 42);
    const b = new FaultInjector(spec, 42);
    const counts = { reset: 0, http500: 0, none: 0, slow: 0, after: 0 };
    for (let i = 0; i < 10000; i++) {
      const d = a.next();
      assert.deepEqual(b.next(), d);
      counts[d.kind]++;
      if (d.slowMs > 0) counts.slow++;
      if (d.kind !== 'none' && d.when === 'after') counts.after++;
    }
    assert.ok(Math.abs(counts.reset / 10000 - 0.1) < 0.02, JSON.stringify(counts));
    assert.ok(Math.abs(counts.http500 / 10000 - 0.2) < 0.02, JSON.stringify(counts));
    assert.ok(Math.abs(counts.slow / 10000 - 0.3) < 0.02, JSON.stringify(counts));
    assert.ok(Math.abs(counts.after / (counts.reset + counts.http500) - 0.5) < 0.05, JSON.stringify(counts));
    const r = seededRandom(1);
    assert.notEqual(r(), r());
  });
});

describe('usage window', () => {
  it('counts requests in a rolling 60 minutes and flags those past the threshold', () => {
    let now = 0;
    const usage = new UsageWindow(3, () => now);
    assert.equal(usage.record(), true);
    now += 10 * 60_000;
    assert.equal(usage.record(), true);
    assert.equal(usage.record(), true);
    assert.equal(usage.record(), false);
    assert.equal(usage.count(), 4);
    now = 60 * 60_000;
    assert.equal(usage.count(), 3);
    now = 70 * 60_000;
    assert.equal(usage.count(), 0);
    assert.equal(usage.record(), true);
  });
});

describe('usage latency', () => {
  it('adds none below half the threshold, then rises from half the maximum to the maximum', () => {
    const usage = new UsageWindow(100, () => 0);
    const at = (requests: number): number => {
      while (usage.count() < requests) usage.record();
      return usage.latencyMs(1000);
    };
    assert.deepEqual([at(10), at(49), at(50), at(75), at(100), at(130)], [0, 0, 500, 750, 1000, 1000]);
    assert.equal(usage.latencyMs(0), 0);
  });
});
