import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { registerQueryCommand, type QueryCommandOptions } from '../../../runtime/cli/query-command.js';
import { parseCondition, runQuery } from '../../../runtime/cli/query-run.js';
import { UsageError, type Connection } from '../../../runtime/index.js';
import type { ApiVersion } from '../../../runtime/protocol/metadata.js';
import { useSimulator } from './sim-connect.js';
import { assertGolden } from '../../unit/client/golden.js';
import { projectRoot } from '../../support/shared.js';

const env = useSimulator({ tickets: 30 });

async function output(entity: string, options: Partial<QueryCommandOptions>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await runQuery(env.at as unknown as Connection<ApiVersion>, entity, { where: [], or: [], format: 'json', ...options }, out);
  return Buffer.concat(chunks).toString('utf8');
}

test('conditions parse as <field> <operator> <value>, UDFs as udf:<name>', () => {
  assert.deepEqual(parseCondition('Title contains printer  offline'), {
    field: 'Title',
    udf: false,
    operator: 'Contains',
    value: 'printer  offline',
  });
  assert.deepEqual(parseCondition('udf:Asset Tag IsNull'), { field: 'Asset Tag', udf: true, operator: 'IsNull', value: undefined });
  assert.throws(
    () => parseCondition('Status 5'),
    (e: unknown) => e instanceof UsageError && /expected "<field> <operator> <value>"/.test(e.message),
  );
  assert.throws(() => parseCondition('Status Equals'), /needs a value/);
  assert.throws(() => parseCondition('Title IsNull x'), /takes no value/);
});

test('json, csv and table output of a streamed query', async () => {
  const json = JSON.parse(await output('Ticket', { where: ['id LessThanOrEquals 3'] })) as Array<Record<string, unknown>>;
  assert.deepEqual(
    json.map((t) => t['id']),
    [1, 2, 3],
  );
  assert.equal(typeof json[0]?.['CreateDate'], 'string');
  assertGolden(
    'query-command.csv',
    await output('Ticket', { where: ['id LessThanOrEquals 3'], format: 'csv', fields: 'id,Title,Status,CreateDate' }),
  );
  assertGolden(
    'query-command-table.txt',
    await output('Ticket', { where: ['id LessThan 6', 'Status NotEqual 999'], or: ['id Equals 20'], format: 'table', fields: 'id,Title,Status' }),
  );
  assert.equal(await output('Ticket', { where: ['id LessThan 0'] }), '[]\n');
  const limited = JSON.parse(await output('Ticket', { limit: 2 })) as unknown[];
  assert.equal(limited.length, 2);
  await assert.rejects(output('Ticket', { where: ['id Equals many'] }), /Ticket\.id is a number; got "many"/);
  await assert.rejects(output('Ticket', { where: ['Nope Equals 1'] }), /no field "Nope"/);
  await assert.rejects(output('Nope', {}), /No entity type "Nope"/);
  await assert.rejects(output('Ticket', { format: 'csv', fields: 'id,Nope' }), /--fields: Ticket has no field "Nope" and no UDF of that name/);
  await assert.rejects(output('Ticket', { format: 'csv', fields: 'id,udf:Nope' }), /--fields: Ticket has no UDF "Nope"; its UDFs: "Room", /);
});

test('a misspelt operator gets the valid one suggested', () => {
  assert.throws(() => parseCondition('Status Equal 5'), /"Equal" is no operator; did you mean Equals\?/);
  assert.throws(() => parseCondition('CreateDate GreaterThenOrEquals 2024-01-01'), /did you mean GreaterThanorEquals\?/);
  assert.throws(() => parseCondition('Title Containz x'), /did you mean Contains\?/);
  // A value is not taken for a misspelt operator.
  assert.throws(() => parseCondition('Status 5'), /expected "<field> <operator> <value>"/);
});

test('picklist labels in --where resolve through GetFieldInfo, unknown ones list the valid labels; --labels shows them', async () => {
  const byLabel = JSON.parse(await output('Ticket', { where: ['Status Equals Complete'], fields: 'id,Status' })) as Array<Record<string, unknown>>;
  const byValue = JSON.parse(await output('Ticket', { where: ['Status Equals 5'], fields: 'id,Status' })) as Array<Record<string, unknown>>;
  assert.ok(byValue.length > 0);
  assert.deepEqual(byLabel, byValue);
  await assert.rejects(
    output('Ticket', { where: ['Status Equals Finished'] }),
    /"Finished" is not a label of picklist Ticket\.Status; valid labels: "New", .*"Complete"/,
  );
  const labelled = await output('Ticket', { where: ['id LessThanOrEquals 30', 'Status Equals 5'], format: 'csv', fields: 'id,Status', labels: true });
  const rows = labelled.trim().split('\r\n').slice(1);
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row, /^\d+,Complete$/);
});

test('UDF columns in every format: --fields udf:<name> or the bare name, all UDFs by default in CSV and JSON', async () => {
  const udfs = (await env.at.getUdfInfo('Ticket')).map((f) => f.Name);
  assert.ok(udfs.includes('Room'));
  const csv = await output('Ticket', { where: ['id LessThanOrEquals 2'], format: 'csv' });
  const header = (csv.split('\r\n')[0] as string).split(',');
  for (const u of udfs) assert.ok(header.includes(`udf:${u}`), `CSV header lacks udf:${u}`);
  const json = JSON.parse(await output('Ticket', { where: ['id LessThanOrEquals 2'] })) as Array<{ UserDefinedFields: Record<string, unknown> }>;
  for (const row of json) assert.deepEqual(Object.keys(row.UserDefinedFields).sort(), [...udfs].sort());
  // The simulator's seed data gives ticket 1 a Room and a Customer Mood, ticket 2 no UDF value.
  const room = json[0]?.UserDefinedFields['Room'];
  const mood = json[0]?.UserDefinedFields['Customer Mood'];
  assert.equal(typeof room, 'string');
  assert.equal(typeof mood, 'string');
  const asked = 'id,udf:Customer Mood,Room';
  assert.equal(
    await output('Ticket', { where: ['id LessThanOrEquals 2'], format: 'csv', fields: asked }),
    `id,udf:Customer Mood,udf:Room\r\n1,${mood},${room}\r\n2,,\r\n`,
  );
  const table = await output('Ticket', { where: ['id LessThanOrEquals 2'], format: 'table', fields: asked });
  assert.match(table.split('\n')[0] as string, /^id +\| udf:Customer Mood +\| udf:Room/);
  assert.match(table.split('\n')[2] as string, new RegExp(`^1 +\\| ${mood} +\\| ${room}`));
  assert.deepEqual(JSON.parse(await output('Ticket', { where: ['id Equals 2'], fields: asked })), [
    { id: 2, UserDefinedFields: { 'Customer Mood': null, Room: null } },
  ]);
});

test('without credentials the command says which are missing', async () => {
  const program = new Command().exitOverride();
  registerQueryCommand(program);
  const saved = { user: process.env['ATWS_USERNAME'], password: process.env['ATWS_PASSWORD'] };
  delete process.env['ATWS_USERNAME'];
  delete process.env['ATWS_PASSWORD'];
  try {
    await assert.rejects(program.parseAsync(['query', 'Ticket'], { from: 'user' }), /give --username and --password/);
  } finally {
    if (saved.user !== undefined) process.env['ATWS_USERNAME'] = saved.user;
    if (saved.password !== undefined) process.env['ATWS_PASSWORD'] = saved.password;
  }
});

test('the atws query command runs against an embedded simulator', () => {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'runtime/cli/atws.ts',
      'query',
      'Ticket',
      '--sim',
      '--sim-tickets',
      '5',
      '--where',
      'id GreaterThan 3',
      '--format',
      'csv',
      '--fields',
      'id',
    ],
    { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ATWS_PASSWORD: '' } },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, 'id\r\n4\r\n5\r\n');
});
