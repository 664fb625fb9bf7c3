import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryProgress } from '../../../runtime/cli/query-progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

test('on a terminal the progress line shows the count so far and the rate, redrawn at most every 250 ms, cleared at the end', () => {
  const tty = stream(true);
  let now = 1_000;
  const progress = new QueryProgress(tty, 'Ticket', () => now);
  progress.update(1); // the first result starts the clock
  now = 1_500;
  progress.update(1_001);
  now = 1_600; // within 250 ms of the last line: not redrawn
  progress.update(1_200);
  now = 3_000;
  progress.update(5_001);
  progress.end();
  assert.deepEqual(tty.written, ['\r1,001 Ticket so far, 2,000/s\x1b[K', '\r5,001 Ticket so far, 2,500/s\x1b[K', '\r\x1b[K']);
});

test('a pipe or a file gets no progress line', () => {
  const pipe = stream(false);
  let now = 0;
  const progress = new QueryProgress(pipe, 'Ticket', () => now);
  for (let i = 1; i <= 10; i++) {
    now += 1_000;
    progress.update(i * 500);
  }
  progress.end();
  assert.deepEqual(pipe.written, []);
});

test('the rate counts from the first result: the wait for the first page is no slow rate, and a short query shows no line', () => {
  const tty = stream(true);
  let now = 10_000;
  const progress = new QueryProgress(tty, 'Ticket', () => now);
  now = 11_000; // the first page took a second to come
  progress.update(1);
  now = 11_020;
  progress.update(40);
  assert.deepEqual(tty.written, [], 'no line 20 ms into the results');
  now = 11_250;
  progress.update(501);
  progress.end();
  assert.deepEqual(tty.written, ['\r501 Ticket so far, 2,000/s\x1b[K', '\r\x1b[K']);
  const short = stream(true);
  let t = 0;
  const quick = new QueryProgress(short, 'Ticket', () => t);
  for (let i = 1; i <= 3; i++) {
    t += 50;
    quick.update(i);
  }
  quick.end();
  assert.deepEqual(short.written, [], 'nothing to clear either');
});
