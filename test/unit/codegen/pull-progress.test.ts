// What `atws codegen pull` shows on stderr: one redrawn line on a terminal, a line per step otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PullProgress } from '../../../codegen/pull-progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

test('on a terminal steps and entity counts redraw one line; a kept line clears it first; end clears it', () => {
  const tty = stream(true);
  const progress = new PullProgress(tty);
  progress.step('getEntityInfo: 3 entities');
  progress.entities(1, 3);
  progress.entities(2, 3);
  progress.line('atws codegen pull 1.6: Resource.LicenseType: kept');
  progress.entities(3, 3);
  progress.end();
  progress.end(); // nothing left to clear
  assert.deepEqual(tty.written, [
    '\ratws codegen pull: getEntityInfo: 3 entities\x1b[K',
    '\ratws codegen pull: fields: 1 of 3 entities done\x1b[K',
    '\ratws codegen pull: fields: 2 of 3 entities done\x1b[K',
    '\r\x1b[K',
    'atws codegen pull 1.6: Resource.LicenseType: kept\n',
    '\ratws codegen pull: fields: 3 of 3 entities done\x1b[K',
    '\r\x1b[K',
  ]);
});

test('in a pipe or a log each step is a line, with no per-entity lines and no control characters', () => {
  const pipe = stream(false);
  const progress = new PullProgress(pipe);
  progress.step('getEntityInfo: 3 entities');
  for (let i = 1; i <= 3; i++) progress.entities(i, 3);
  progress.step('fields: 3 of 3 entities done');
  progress.line('a disagreement');
  progress.end();
  assert.deepEqual(pipe.written, [
    'atws codegen pull: getEntityInfo: 3 entities\n',
    'atws codegen pull: fields: 3 of 3 entities done\n',
    'a disagreement\n',
  ]);
});
