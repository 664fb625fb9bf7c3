import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { projectRoot } from '../../support/shared.js';
import { simLogin } from './sim-connect.js';

// The installed bin against a zone URL (not --sim): credentials from flags, or from ATWS_* variables.
let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 12 });
});
after(() => sim.close());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function atws(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  // A clean ATWS_* environment, so a developer's own variables cannot leak into the run.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ATWS_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'runtime/cli/atws.ts', 'query', 'Ticket', ...args],
      { cwd: projectRoot, env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('atws query streams from a zone URL with credentials as flags or ATWS_* variables, in json, csv and table', async () => {
  const asmx = sim.asmxUrl('1.6');
  const flags = ['--url', asmx, '--username', simLogin.username, '--password', simLogin.password, '--integration-code', simLogin.integrationCode];
  const env = {
    ATWS_URL: `${sim.url}/atservices/1.6/atws.wsdl`,
    ATWS_USERNAME: simLogin.username,
    ATWS_PASSWORD: simLogin.password,
    ATWS_INTEGRATION_CODE: simLogin.integrationCode,
  };
  const [json, csv, table, wrongPassword, noCode] = await Promise.all([
    atws([...flags, '--where', 'id LessThan 4', '--where', 'id GreaterThan 1', '--format', 'json']),
    atws(['--where', 'id LessThanOrEquals 2', '--or', 'id Equals 9', '--format', 'csv', '--fields', 'id,TicketNumber'], env),
    atws(['--where', 'id Equals 3', '--format', 'table', '--fields', 'id,Status'], env),
    atws(['--where', 'id Equals 3'], { ...env, ATWS_PASSWORD: 'not-the-password' }),
    atws(['--where', 'id Equals 3'], { ATWS_URL: asmx, ATWS_USERNAME: simLogin.username, ATWS_PASSWORD: simLogin.password }),
  ]);

  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as Array<{ id: number; Title: string }>;
  assert.deepEqual(
    rows.map((r) => r.id),
    [2, 3],
  );
  assert.equal(rows[0]?.Title, sim.store.get('Ticket', 2)?.values['Title']);

  assert.equal(csv.code, 0, csv.stderr);
  const number = (id: number): string => String(sim.store.get('Ticket', id)?.values['TicketNumber']);
  assert.equal(csv.stdout, `id,TicketNumber\r\n1,${number(1)}\r\n2,${number(2)}\r\n9,${number(9)}\r\n`);

  assert.equal(table.code, 0, table.stderr);
  // A table shows the picklist's label: the simulator's seed data gives ticket 3 Status 8, "In Progress".
  assert.equal(sim.store.get('Ticket', 3)?.values['Status'], 8);
  assert.match(table.stdout, /^id \| Status\n-+\+-+\n3  \| In Progress\n\(1 Ticket\)\n$/);

  assert.equal(wrongPassword.code, 1);
  assert.match(wrongPassword.stderr, /AuthenticationError: .*refused the credentials of user "api-user@sim\.example"/);
  assert.doesNotMatch(wrongPassword.stderr, /not-the-password/);
  assert.equal(noCode.code, 1);
  // The message names the flag and the variable the user sets, not the API option behind them.
  assert.match(noCode.stderr, /UsageError: atws query: API 1.6 needs --integration-code \(or ATWS_INTEGRATION_CODE\)/);
  assert.doesNotMatch(noCode.stderr, /integrationCode/);
});
