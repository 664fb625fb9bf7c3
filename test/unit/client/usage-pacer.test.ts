// The usage pacer on a mocked clock: nothing added below the slow-down point; from it on, requests
// spaced timeframe / threshold apart (360 ms for 10,000 an hour); the usage read every checkEvery
// requests, a failed read leaving the pacing as it was.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { UsagePacer } from '../../../runtime/client/policies/usage-pacer.js';
import type { ThresholdAndUsage } from '../../../runtime/client/transport/usage-info.js';

const usage = (percent: number): ThresholdAndUsage => ({ threshold: 10_000, timeframe: 60, count: percent * 100, percent });

/** When each of `n` requests is let go, in ms after the first call. */
async function releaseTimes(pacer: UsagePacer, n: number): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  const waits = Array.from({ length: n }, () => {
    const wait = pacer.beforeRequest();
    if (wait === undefined) {
      times.push(Date.now() - start);
      return Promise.resolve();
    }
    return wait.then(() => void times.push(Date.now() - start));
  });
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    mock.timers.tick(360);
  }
  await Promise.all(waits);
  return times.sort((a, b) => a - b);
}

describe('UsagePacer', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('adds nothing below the slow-down point, not even an event-loop turn', () => {
    const pacer = new UsagePacer(async () => usage(10), { checkEvery: 1000 });
    pacer.observe(usage(79));
    for (let i = 0; i < 50; i++) assert.equal(pacer.beforeRequest(), undefined);
  });

  it('spaces requests timeframe / threshold apart from slowAtPercent on', async () => {
    const pacer = new UsagePacer(async () => usage(85), { checkEvery: 1000 });
    pacer.observe(usage(80));
    assert.deepEqual(await releaseTimes(pacer, 4), [0, 360, 720, 1080]);
  });

  it('reads the usage every checkEvery requests and follows it, keeping the pacing when a read fails', async () => {
    const answers: Array<ThresholdAndUsage | Error> = [usage(90), new Error('timeout'), usage(20)];
    let reads = 0;
    const pacer = new UsagePacer(
      async () => {
        const next = answers[reads++] as ThresholdAndUsage | Error;
        if (next instanceof Error) throw next;
        return next;
      },
      { checkEvery: 3 },
    );
    assert.equal(pacer.beforeRequest(), undefined);
    assert.equal(pacer.beforeRequest(), undefined);
    await pacer.beforeRequest(); // the third: reads 90%
    assert.equal(reads, 1);
    assert.equal(pacer.last?.percent, 90);
    assert.ok(pacer.beforeRequest() !== undefined, 'spaced from now on');
    mock.timers.tick(1000);
    void pacer.beforeRequest();
    const failed = pacer.beforeRequest(); // the sixth: the read fails
    mock.timers.tick(1000);
    await failed;
    assert.equal(reads, 2);
    assert.equal(pacer.last?.percent, 90, 'the failed read changes nothing');
    mock.timers.tick(1000);
    void pacer.beforeRequest();
    assert.ok(pacer.beforeRequest() !== undefined, 'still spaced after the failed read');
    mock.timers.tick(1000);
    const third = pacer.beforeRequest(); // the ninth: 20%
    mock.timers.tick(1000);
    await third;
    assert.equal(reads, 3);
    mock.timers.tick(1000);
    assert.equal(pacer.beforeRequest(), undefined, 'below the point again: nothing added');
  });
});
