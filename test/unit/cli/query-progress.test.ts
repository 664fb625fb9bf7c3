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
  now = 1_500;
  progress.update(1_000);
  now = 1_600; // within 250 ms of the last line: not redrawn
  progress.update(1_200);
  now = 3_000;
  progress.update(5_000);
  progress.end();
  assert.deepEqual(tty.written, ['\r1,000 Ticket so far, 2,000/s\x1b[K', '\r5,000 Ticket so far, 2,500/s\x1b[K', '\r\x1b[K']);
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
