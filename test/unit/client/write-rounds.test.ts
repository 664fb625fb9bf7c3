// A packet's write rounds over any transport, from the neutral per-entity outcomes: where a write
// call is one transaction, what the API refused fails with its reason and the rest (not saved) goes
// out again without it, up to MAX_PACKET_ROUNDS; where it is not, nothing is sent twice. An entity
// that cannot be encoded fails alone, before any call; a call that fails as a whole settles the packet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PACKET_ROUNDS, writePacket } from '../../../runtime/client/write-rounds.js';
import { SOAP_CAPABILITIES } from '../../../runtime/client/soap/soap-transport.js';
import type { EncodedEntity, EntityOutcome, Transport, WriteAnswer } from '../../../runtime/client/transport/transport.js';
import type { EntityBase } from '../../../runtime/entity/entity-base.js';
import { TransportError, UsageError } from '../../../runtime/protocol/errors.js';
import { Ticket } from '../../../generated/v1_6/index.js';

type Answer = (ids: number[]) => EntityOutcome<EntityBase>[];

/** A transport whose write answers as `answer` says for the ids sent; every call recorded. */
function transport(answer: Answer | Error, writeIsTransaction = true): Transport & { calls: number[][] } {
  const calls: number[][] = [];
  const fake = {
    capabilities: { ...SOAP_CAPABILITIES, writeIsTransaction },
    calls,
    encode: (_operation: string, entity: { id: number | undefined }) => {
      if (entity.id === 666) throw new UsageError('not this one');
      return entity as unknown as EncodedEntity;
    },
    write: async <T>(_operation: string, _type: string, entities: readonly EncodedEntity[]): Promise<WriteAnswer<T>> => {
      const ids = entities.map((e) => (e as unknown as { id: number }).id);
      calls.push(ids);
      if (answer instanceof Error) throw answer;
      return { outcomes: answer(ids) as EntityOutcome<T>[], messages: [`call ${calls.length}`] };
    },
  };
  return fake as unknown as Transport & { calls: number[][] };
}

// Entities as read from Autotask (an id): not a create input, which the constructor's type is.
const tickets = (...ids: number[]): Ticket[] => ids.map((id) => new Ticket({ id } as never));
const prepare = (t: Transport) => (entity: Ticket) => t.encode('update', { id: entity.id } as never);
const decode = ((): never => {
  throw new Error('not decoding');
}) as never;
const refuse =
  (bad: number): Answer =>
  (ids) =>
    ids.map((id) =>
      id === bad ? { status: 'refused', reason: `no ${id}` } : ids.includes(bad) ? { status: 'notSaved' } : { status: 'saved', answer: undefined },
    );

test('a transaction refused for one entity: it fails, the others go out again and are saved', async () => {
  const t = transport(refuse(2));
  const out = await writePacket(t, 'update', tickets(1, 2, 3), prepare(t), decode);
  assert.deepEqual(t.calls, [
    [1, 2, 3],
    [1, 3],
  ]);
  assert.deepEqual(
    out.succeeded.map((e) => e.id),
    [1, 3],
  );
  assert.deepEqual(
    out.failed.map((f) => [f.entity.id, f.message]),
    [[2, 'no 2']],
  );
  assert.deepEqual(out.messages, ['call 1', 'call 2']);
  assert.deepEqual(
    out.answers.map((e) => (e as Ticket).id),
    [1, 3],
    'no answer entity (delete-like): the input itself',
  );
});

test('a transaction refused round after round stops at MAX_PACKET_ROUNDS; what is left fails as not saved', async () => {
  let round = 0;
  const t = transport((ids) => ids.map((id, i) => (i === 0 ? { status: 'refused', reason: `round ${++round}` } : { status: 'notSaved' })));
  const out = await writePacket(t, 'update', tickets(...Array.from({ length: 15 }, (_, i) => i + 1)), prepare(t), decode);
  assert.equal(t.calls.length, MAX_PACKET_ROUNDS);
  assert.equal(out.failed.length, 15);
  assert.match(out.failed[14]?.message ?? '', /^not saved: Autotask refused the packet 10 times/);
});

test('a write call that is no transaction is never sent again: "not saved" fails at once', async () => {
  const t = transport(refuse(2), false);
  const out = await writePacket(t, 'update', tickets(1, 2, 3), prepare(t), decode);
  assert.deepEqual(t.calls, [[1, 2, 3]]);
  assert.deepEqual(
    out.failed.map((f) => [f.entity.id, f.message]),
    [
      [1, 'not saved: Autotask refused the call'],
      [2, 'no 2'],
      [3, 'not saved: Autotask refused the call'],
    ],
  );
});

test('an entity that cannot be encoded fails alone, before any call; an answer short of outcomes leaves the rest unknown', async () => {
  const t = transport((ids) => ids.slice(1).map(() => ({ status: 'saved', answer: undefined })));
  const out = await writePacket(t, 'update', tickets(666, 1, 2, 3), prepare(t), decode);
  assert.deepEqual(t.calls, [[1, 2, 3]]);
  assert.deepEqual(
    out.failed.map((f) => [f.entity.id, f.message]),
    [[666, 'not this one']],
  );
  assert.deepEqual(
    out.succeeded.map((e) => e.id),
    [1, 2],
  );
  assert.deepEqual(
    out.unknown.map((e) => e.id),
    [3],
  );
});

test('a call that fails as a whole settles the packet as unknown (a reset) and says why', async () => {
  const reset = new TransportError('reset', { code: 'ECONNRESET' });
  const t = transport(reset);
  const out = await writePacket(t, 'create', tickets(1, 2), prepare(t), decode);
  assert.deepEqual(
    out.unknown.map((e) => e.id),
    [1, 2],
  );
  assert.equal(out.error, reset);
});
