import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttachmentBudget, ATTACHMENT_WINDOW_MS } from '../../../simulator/tenant/attachment-budget.js';

describe('attachment upload budget', () => {
  it('allows 10,000,000 bytes in a rolling five minutes, refuses all for five minutes past it, per uploader', () => {
    let now = 1_000_000;
    const budget = new AttachmentBudget(() => now);
    assert.equal(budget.take('a', 6_000_000), undefined);
    now += 1000;
    assert.equal(budget.take('a', 4_000_000), undefined, 'exactly 10,000,000 is within the limit');
    now += 1000;
    assert.match(budget.take('a', 1) ?? '', /10000000 bytes were uploaded/);
    const refusedAt = now;
    assert.equal(budget.take('b', 9_000_000), undefined, 'another integration has its own budget');
    // Past the first upload's window the bytes are free again, but the refusal lasts five minutes.
    now = refusedAt + ATTACHMENT_WINDOW_MS - 1;
    assert.match(budget.blocked('a') ?? '', /refused until/);
    now = refusedAt + ATTACHMENT_WINDOW_MS;
    assert.equal(budget.blocked('a'), undefined);
    assert.equal(budget.take('a', 10_000_000), undefined, 'the earlier uploads left the window');
  });
});
