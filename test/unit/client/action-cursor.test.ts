import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionCursor, type PacketOutcome } from '../../../runtime/client/action-cursor.js';
import { packetFailure, packetOutcome } from '../../../runtime/client/packet-outcome.js';
import { ApiError, AuthenticationError, TransportError } from '../../../runtime/errors.js';
import { Ticket } from '../../../generated/v1_6/index.js';

const tickets = (ids: number[]): Ticket[] => ids.map((id) => new Ticket({ id, Title: `t${id}` }));
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('packets of 200, at most `concurrency` in flight, results in input order', async () => {
  let inFlight = 0;
  let peak = 0;
  const sizes: number[] = [];
  const send = async (packet: readonly Ticket[]): Promise<PacketOutcome<Ticket>> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    sizes.push(packet.length);
    // Later packets answer sooner, so order must come from the cursor, not from the network.
    await new Promise((resolve) => setTimeout(resolve, 30 - sizes.length * 5));
    inFlight--;
    return { succeeded: packet, failed: [], unknown: [], messages: [] };
  };
  const out = await new ActionCursor('update', tickets(range(1, 950)), send, 3).fetchAll();
  assert.deepEqual(out.map((t) => t.id), range(1, 950));
  assert.deepEqual(sizes, [200, 200, 200, 200, 150]);
  assert.equal(peak, 3);
});

test('nothing is pulled before iteration; one entity and async iterables are accepted', async () => {
  let pulled = 0;
  async function* source(): AsyncGenerator<Ticket> {
    for (const t of tickets(range(1, 3))) {
      pulled++;
      yield t;
    }
  }
  const cursor = new ActionCursor('update', source(), async (p) => ({ succeeded: p, failed: [], unknown: [], messages: [] }), 2);
  assert.equal(pulled, 0);
  assert.deepEqual(await cursor.execute(), { succeeded: 3, failed: 0, unknown: 0 });
  const single = await new ActionCursor('update', new Ticket({ id: 9 }), async (p) => ({ succeeded: p, failed: [], unknown: [], messages: [] }), 1).fetchOne();
  assert.equal(single?.id, 9);
});

test('a lost packet stops sending; every entity pulled ends succeeded, failed or unknown', async () => {
  const run = async (concurrency: number): Promise<{ error: ApiError<Ticket>; yielded: number[]; calls: number }> => {
    let calls = 0;
    const send = async (packet: readonly Ticket[]): Promise<PacketOutcome<Ticket>> => {
      const call = ++calls;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (call === 2) return packetFailure('create', packet, new TransportError('reset', { code: 'ECONNRESET' }));
      return { succeeded: packet, failed: [], unknown: [], messages: [] };
    };
    const yielded: number[] = [];
    try {
      for await (const t of new ActionCursor('create', tickets(range(1, 950)), send, concurrency)) yielded.push(t.id ?? -1);
    } catch (error) {
      assert.ok(error instanceof ApiError);
      assert.ok(error.cause instanceof TransportError);
      return { error: error as ApiError<Ticket>, yielded, calls };
    }
    throw new Error('expected an ApiError');
  };
  // Strictly sequential: packet 2 is lost, nothing more is pulled.
  const one = await run(1);
  assert.deepEqual([one.error.succeeded.length, one.error.unknown.length, one.error.failed.length, one.calls], [200, 200, 0, 2]);
  assert.deepEqual(one.yielded, range(1, 200));
  // Two in flight: packet 3 went out before packet 2 was known lost (packet 1 settled first); packet 4 was pulled but never sent.
  const two = await run(2);
  assert.deepEqual([two.error.succeeded.length, two.error.unknown.length, two.error.failed.length, two.calls], [400, 200, 200, 3]);
  assert.match(two.error.failed[0]?.message ?? '', /^not sent: TransportError: reset/);
  assert.deepEqual(two.error.failed.map((f) => f.entity.id), range(601, 800));
  assert.deepEqual(two.yielded, [...range(1, 200), ...range(401, 600)]);
  assert.match(two.error.message, /400 succeeded, 200 failed, 200 unknown/);
});

test('packet outcomes: record numbers, whole-packet failures, create by position, update by id', () => {
  const sent = tickets([11, 12, 13]);
  const summary = (returnCode: number, errors: string[]) => ({ returnCode, entityResultType: 'ticket', errors, entityReturnInfo: [] });
  const updated = packetOutcome('update', sent, summary(-1, ['Title too long (record number [2])']), tickets([13, 11]));
  assert.deepEqual(updated.succeeded.map((t) => t.id), [11, 13]);
  assert.deepEqual(updated.failed.map((f) => [f.entity.id, f.message]), [[12, 'Title too long (record number [2])']]);
  const created = packetOutcome('create', tickets([0, 0, 0]), summary(-1, ['bad (record number [1])']), tickets([101, 102]));
  assert.deepEqual(created.succeeded.map((t) => t.id), [101, 102]);
  assert.equal(created.failed.length, 1);
  const short = packetOutcome('create', tickets([0, 0]), summary(1, []), tickets([101]));
  assert.equal(short.unknown.length, 1, 'no answer for the second: unknown');
  const whole = packetOutcome('delete', sent, summary(-1, ['Too many entities']), []);
  assert.deepEqual(whole.failed.map((f) => f.message), ['Too many entities', 'Too many entities', 'Too many entities']);
  const refused = packetFailure('update', sent, new AuthenticationError('no', 401));
  assert.equal(refused.failed.length, 3);
  assert.ok(refused.fatal instanceof AuthenticationError);
  const fault = packetFailure('update', sent, new ApiError('fault', { operation: 'update', messages: ['x'] }));
  assert.equal(fault.failed.length, 3);
  assert.equal(fault.fatal, undefined);
});
