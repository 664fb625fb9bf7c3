// ApiError.entitiesOf: a catch clause's ApiError holds entities of any class (unknown to the types);
// entitiesOf(cls) gives those of one class with their outcomes, checked by instanceof, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, AtwsError, ThreadLimitError } from '../../runtime/index.js';
import { Account, Ticket } from '../../generated/v1_6/index.js';

test('entitiesOf keeps the entities of one class, each list in its order, and the failure messages', () => {
  const [t1, t2, t3] = [new Ticket(), new Ticket(), new Ticket()];
  const account = new Account();
  const error = new ApiError<unknown>('create: 1 succeeded, 2 failed, 2 unknown', {
    operation: 'create',
    messages: ['Missing Required Field: Title.'],
    succeeded: [t1, account],
    failed: [
      { entity: account, message: 'bad account' },
      { entity: t2, message: 'Missing Required Field: Title.' },
    ],
    unknown: [t3, 'not an entity'],
  });
  const tickets = error.entitiesOf(Ticket);
  assert.deepEqual(tickets.succeeded, [t1]);
  assert.deepEqual(tickets.failed, [{ entity: t2, message: 'Missing Required Field: Title.' }]);
  assert.deepEqual(tickets.unknown, [t3]);
  assert.deepEqual(
    error.entitiesOf(Account).failed.map((f) => f.message),
    ['bad account'],
  );
  assert.deepEqual(error.entitiesOf(Account).unknown, []);
});

test('ApiError is a class at run time: instanceof, subclasses, name, AtwsError', () => {
  const error = new ApiError('query Ticket: boom', { operation: 'query', messages: ['boom'] });
  assert.ok(error instanceof ApiError);
  assert.ok(error instanceof AtwsError);
  assert.equal(error.name, 'ApiError');
  assert.deepEqual([error.succeeded, error.failed, error.unknown], [[], [], []]);
  const limited = new ThreadLimitError('Thread Threshold Exceeded', { operation: 'query', messages: [] });
  assert.ok(limited instanceof ApiError && limited instanceof ThreadLimitError);
  assert.equal(limited.name, 'ThreadLimitError');
});
