import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionCursor, type PacketOutcome } from '../../../runtime/client/action-cursor.js';
import { packetFailure } from '../../../runtime/client/write-rounds.js';
import { writeOutcomes, type AnswerFacts } from '../../../runtime/client/soap/record-errors.js';
import type { AtwsResponseSummary } from '../../../runtime/client/soap/atws-response-decoder.js';
import { AuthenticationError, TransportError } from '../../../runtime/protocol/errors.js';
import { ApiError } from '../../../runtime/client/transport/api-error.js';
import { Ticket } from '../../../generated/v1_6/index.js';

const tickets = (ids: number[]): Ticket[] => ids.map((id) => Object.assign(new Ticket(), { id, Title: `t${id}` }));
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
  assert.deepEqual(
    out.map((t) => t.id),
    range(1, 950),
  );
  assert.deepEqual(sizes, [200, 200, 200, 200, 150]);
  assert.equal(peak, 3);
});

test('a packet being read back leaves its slot to the next write; at most twice `concurrency` packets are held', async () => {
  let writing = 0;
  let writePeak = 0;
  let held = 0;
  let heldPeak = 0;
  let readBacksDone = 0;
  /** How many packets had finished their read-back when each packet's write went out. */
  const doneAtWrite: number[] = [];
  const send = async (packet: readonly Ticket[], written: () => void): Promise<PacketOutcome<Ticket>> => {
    doneAtWrite.push(readBacksDone);
    writing++;
    held++;
    writePeak = Math.max(writePeak, writing);
    heldPeak = Math.max(heldPeak, held);
    await new Promise((resolve) => setTimeout(resolve, 5));
    writing--;
    // (Called when given: a cursor that does not give it fails on the order below, not here.)
    (written as (() => void) | undefined)?.();
    // The read-back takes far longer than the write: the next writes must not wait for it.
    await new Promise((resolve) => setTimeout(resolve, 60));
    held--;
    readBacksDone++;
    return { succeeded: packet, failed: [], unknown: [], messages: [] };
  };
  const out = await new ActionCursor('update', tickets(range(1, 1200)), send, 2).fetchAll();
  assert.deepEqual(
    out.map((t) => t.id),
    range(1, 1200),
  );
  assert.equal(writePeak, 2);
  assert.equal(heldPeak, 4);
  // Packets 3 and 4 went out while 1 and 2 were still being read back; 5 once 1 was yielded, 6 once 2 was.
  assert.deepEqual(doneAtWrite, [0, 0, 0, 0, 1, 2]);
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
  const single = await new ActionCursor(
    'update',
    Object.assign(new Ticket(), { id: 9 }),
    async (p) => ({ succeeded: p, failed: [], unknown: [], messages: [] }),
    1,
  ).fetchOne();
  assert.equal(single?.id, 9);
});

interface Run {
  readonly error: ApiError<Ticket>;
  readonly yielded: number[];
  readonly calls: number;
}

/** Runs an action of `input` whose `call`-th packet (1-based) gets `outcome`; the others succeed. */
async function runAction(
  input: Iterable<Ticket> | AsyncIterable<Ticket>,
  concurrency: number,
  outcome: (call: number, packet: readonly Ticket[]) => PacketOutcome<Ticket> | undefined,
): Promise<Run> {
  let calls = 0;
  const send = async (packet: readonly Ticket[]): Promise<PacketOutcome<Ticket>> => {
    const call = ++calls;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return outcome(call, packet) ?? { succeeded: packet, failed: [], unknown: [], messages: [] };
  };
  const yielded: number[] = [];
  try {
    for await (const t of new ActionCursor('create', input, send, concurrency)) yielded.push(t.id ?? -1);
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    const e = error as ApiError<Ticket>;
    // Every entity exactly once.
    const ids = [...e.succeeded, ...e.failed.map((f) => f.entity), ...e.unknown].map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length, 'an entity is reported twice');
    return { error: e, yielded, calls };
  }
  throw new Error('expected an ApiError');
}

const counts = (run: Run): number[] => [run.error.succeeded.length, run.error.failed.length, run.error.unknown.length, run.calls];

test('a lost packet is unknown and the action goes on with the next packets', async () => {
  const reset = new TransportError('reset', { code: 'ECONNRESET' });
  const lose2 = (call: number, packet: readonly Ticket[]) => (call === 2 ? packetFailure('create', packet, reset) : undefined);
  for (const concurrency of [1, 2, 3]) {
    const run = await runAction(tickets(range(1, 950)), concurrency, lose2);
    assert.deepEqual(counts(run), [750, 0, 200, 5], `concurrency ${concurrency}`);
    assert.deepEqual(
      run.error.unknown.map((t) => t.id),
      range(201, 400),
    );
    assert.deepEqual(run.yielded, [...range(1, 200), ...range(401, 950)]);
    assert.equal(run.error.cause, reset);
    assert.match(run.error.message, /^create: 750 succeeded, 0 failed, 200 unknown; first problem: TransportError: reset$/);
  }
  // A 5xx after retries and a timeout are no different.
  for (const error of [new TransportError('HTTP 503', { status: 503 }), new TransportError('timeout', { code: 'ETIMEDOUT' })]) {
    const run = await runAction(tickets(range(1, 600)), 2, (call, p) => (call === 1 ? packetFailure('update', p, error) : undefined));
    assert.deepEqual(counts(run), [400, 0, 200, 3]);
  }
});

test('a fatal failure stops sending; the rest of the input is read and failed as not sent', async () => {
  const refused = new AuthenticationError('refused the credentials', 401);
  const refuse = (call: number, packet: readonly Ticket[]) => (call >= 2 ? packetFailure('create', packet, refused) : undefined);
  // Strictly sequential: packet 2 is refused, nothing more goes out.
  const one = await runAction(tickets(range(1, 950)), 1, refuse);
  assert.deepEqual(counts(one), [200, 750, 0, 2]);
  assert.deepEqual(
    one.error.failed.map((f) => f.entity.id),
    range(201, 950),
  );
  assert.equal(one.error.failed[0]?.message, 'refused the credentials');
  assert.equal(one.error.failed[200]?.message, 'not sent: AuthenticationError: refused the credentials');
  assert.equal(one.error.cause, refused);
  assert.match(one.error.message, /200 succeeded, 750 failed, 0 unknown; first problem: AuthenticationError: refused/);
  // Two in flight: packet 3 went out before packet 2 was known refused; packet 4 on were never sent.
  const two = await runAction(tickets(range(1, 950)), 2, refuse);
  assert.deepEqual(counts(two), [200, 750, 0, 3]);
  assert.deepEqual(two.yielded, range(1, 200));
  assert.equal(two.error.failed.filter((f) => f.message.startsWith('not sent: ')).length, 350);

  // A server that cannot be reached: that packet failed (nothing got there), the rest not sent.
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
    const unreachable = new TransportError(`connect ${code}`, { code });
    const run = await runAction(tickets(range(1, 500)), 1, (call, p) => (call === 1 ? packetFailure('update', p, unreachable) : undefined));
    assert.deepEqual(counts(run), [0, 500, 0, 1], code);
    assert.equal(run.error.cause, unreachable);
  }
});

test('an input that throws: what was pulled is accounted for, and its error is the cause', async () => {
  const boom = new Error('the source broke');
  async function* source(): AsyncGenerator<Ticket> {
    yield* tickets(range(1, 250));
    throw boom;
  }
  const run = await runAction(source(), 2, () => undefined);
  assert.deepEqual(counts(run), [200, 50, 0, 1]);
  assert.deepEqual(
    run.error.failed.map((f) => f.entity.id),
    range(201, 250),
  );
  assert.equal(run.error.failed[0]?.message, 'not sent: the source broke');
  assert.equal(run.error.cause, boom);
  // A sender that rejects instead of reporting: its packet is unknown, the others go on.
  let calls = 0;
  const rejecting = async (p: readonly Ticket[]): Promise<PacketOutcome<Ticket>> => {
    if (++calls === 1) throw new Error('sender broke');
    return { succeeded: p, failed: [], unknown: [], messages: [] };
  };
  const error = await new ActionCursor('update', tickets(range(1, 300)), rejecting, 1).execute().then(
    () => assert.fail('expected an ApiError'),
    (e: unknown) => e as ApiError<Ticket>,
  );
  assert.deepEqual([error.succeeded.length, error.failed.length, error.unknown.length], [100, 0, 200]);
});

/** SOAP's per-entity outcomes of a call, gathered as lists: failed (with the reason), answered, to send again, unknown. */
function packetOutcome(
  operation: 'create' | 'update' | 'delete',
  sent: readonly Ticket[],
  summary: AtwsResponseSummary,
  returned: readonly Ticket[],
  facts?: AnswerFacts,
) {
  const answer = writeOutcomes(
    operation,
    sent.map((t) => t.id),
    summary,
    returned.map((t) => ({ entity: t, id: t.id })),
    facts,
  );
  const succeeded: Ticket[] = [];
  const answers: Ticket[] = [];
  const failed: Array<{ entity: Ticket; message: string }> = [];
  const unknown: Ticket[] = [];
  const resend: Ticket[] = [];
  sent.forEach((entity, i) => {
    const outcome = answer.outcomes[i];
    if (outcome?.status === 'saved') {
      succeeded.push(entity);
      answers.push(outcome.answer ?? entity);
    } else if (outcome?.status === 'refused') failed.push({ entity, message: outcome.reason });
    else if (outcome?.status === 'notSaved') resend.push(entity);
    else unknown.push(entity);
  });
  assert.equal(answer.outcomes.length, sent.length, 'an outcome for every entity sent');
  return { succeeded, answers, failed, unknown, messages: answer.messages, ...(resend.length > 0 ? { resend } : {}) };
}

test('packet outcomes: a refused packet fails the entities named (pairs or one message) and hands back the rest unsaved', () => {
  const sent = tickets([11, 12, 13]);
  const summary = (returnCode: number, errors: string[]) => ({ returnCode, entityResultType: 'ticket', errors, entityReturnInfo: [] });
  // The pair form: the reason, then the record-number line (what python-atws and Set-AtwsData read).
  const updated = packetOutcome('update', sent, summary(-1, ['Title too long.', 'Error updating entity for record number [2].']), []);
  assert.deepEqual(
    updated.failed.map((f) => [f.entity.id, f.message]),
    [[12, 'Title too long.']],
  );
  assert.deepEqual(updated.succeeded, [], 'nothing of a refused packet was saved');
  assert.deepEqual(
    updated.resend?.map((t) => t.id),
    [11, 13],
  );
  const two = packetOutcome(
    'create',
    tickets([1, 2, 3]),
    summary(-1, ['A.', 'Error creating entity for record number [1].', 'B.', 'C.', 'Error creating entity for record number [3].']),
    [],
  );
  assert.deepEqual(
    two.failed.map((f) => f.message),
    ['A.', 'B.; C.'],
  );
  assert.deepEqual(two.resend?.length, 1);
  // One message holding both, in the forms seen in the wild.
  for (const message of ['Value does not exist for the required field AccountID. ; on record number [2].', 'bad value (record number [2])']) {
    const single = packetOutcome('create', tickets([0, 0, 0]), summary(-1, [message]), []);
    assert.equal(single.failed.length, 1);
    assert.doesNotMatch(single.failed[0]?.message ?? '', /record number/);
    assert.match(single.failed[0]?.message ?? '', /AccountID|bad value/);
    assert.equal(single.resend?.length, 2);
  }
  const created = packetOutcome('create', tickets([0, 0]), summary(1, []), tickets([101, 102]));
  assert.deepEqual(
    created.answers.map((t) => (t as Ticket).id),
    [101, 102],
    'created: answered by position',
  );
  const byId = packetOutcome('update', sent, summary(1, []), tickets([13, 11, 12]));
  assert.deepEqual(
    byId.answers.map((t) => (t as Ticket).id),
    [11, 12, 13],
    'updated: answered by id',
  );
  const short = packetOutcome('create', tickets([0, 0]), summary(1, []), tickets([101]));
  assert.equal(short.unknown.length, 1, 'no answer for the second: unknown');
  const whole = packetOutcome('delete', sent, summary(-1, ['Too many entities']), []);
  assert.deepEqual(
    whole.failed.map((f) => f.message),
    ['Too many entities', 'Too many entities', 'Too many entities'],
  );
  // A delete answered on a retry, every entity gone: the lost first try deleted them.
  const gone = [
    'Ticket 11 does not exist.',
    'Error deleting entity for record number [1].',
    'Ticket 12 does not exist.',
    'Error deleting entity for record number [2].',
    'Ticket 13 does not exist.',
    'Error deleting entity for record number [3].',
  ];
  assert.equal(packetOutcome('delete', sent, summary(-1, gone), [], { attempts: 2 }).succeeded.length, 3);
  assert.equal(
    packetOutcome('delete', sent, summary(-1, gone), [], { attempts: 1 }).failed.length,
    3,
    'on a first try "does not exist" is a failure',
  );
  assert.equal(
    packetOutcome('delete', sent, summary(-1, gone.slice(0, 2)), [], { attempts: 2 }).failed.length,
    1,
    'some still there: the lost try deleted nothing',
  );
  const refused = packetFailure('update', sent, new AuthenticationError('no', 401));
  assert.equal(refused.failed.length, 3);
  assert.ok(refused.fatal instanceof AuthenticationError);
  const reset = packetFailure('update', sent, new TransportError('reset', { code: 'ECONNRESET' }));
  assert.deepEqual([reset.failed.length, reset.unknown.length, reset.fatal], [0, 3, undefined]);
  assert.ok(reset.error instanceof TransportError);
  const fault = packetFailure('update', sent, new ApiError('fault', { operation: 'update', messages: ['x'] }));
  assert.equal(fault.failed.length, 3);
  assert.equal(fault.fatal, undefined);
});
