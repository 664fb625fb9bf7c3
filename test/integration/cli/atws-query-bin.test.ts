/**
 * `atws query` as a user runs it after `npm install atws @atws/simulator`: the built bin
 * (test/support/built-bin.ts) in a real process, against its embedded simulator (`--sim`), its
 * exit status and both streams.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import stringWidth from 'string-width';
import { startSimulator } from '../../../simulator/index.js';
import { builtAtwsBin } from '../../support/built-bin.js';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

let bin: string;
before(
  async () => {
    bin = await builtAtwsBin();
  },
  { timeout: 600_000 },
);

/** `atws <args>` with a clean ATWS_* environment, plus `extra`. */
function atws(args: readonly string[], extra: Record<string, string> = {}): Promise<Run> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ATWS_') && k !== 'TSX_TSCONFIG_PATH')), ...extra };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

const sim = (...args: string[]): Promise<Run> => atws(['query', 'Ticket', '--sim', '--sim-tickets', '30', ...args]);

describe('atws query values', () => {
  it('takes a value with spaces quoted, unquoted, or with a quote doubled inside', async () => {
    const [single, double, bare, doubled, unclosed] = await Promise.all([
      sim('--where', "Title Equals 'Printer offline #26'", '--format', 'csv', '--fields', 'id,Title'),
      sim('--where', 'Title Equals "Printer offline #26"', '--format', 'csv', '--fields', 'id,Title'),
      sim('--where', 'Title Equals Printer offline #26', '--format', 'csv', '--fields', 'id,Title'),
      sim('--where', "Title Contains 'offline #2'", '--where', "Title NotEqual 'it''s'", '--format', 'csv', '--fields', 'id'),
      sim('--where', "Title Equals 'Printer offline #26"),
    ]);
    for (const run of [single, double, bare]) {
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, 'id,Title\r\n26,Printer offline #26\r\n');
    }
    assert.equal(doubled.status, 0, doubled.stderr);
    assert.equal(doubled.stdout, 'id\r\n26\r\n');
    assert.equal(unclosed.status, 1);
    assert.match(unclosed.stderr, /^UsageError: --where "Title Equals 'Printer offline #26": the value opens with ' but does not close/);
  });
});

describe('atws query conditions', () => {
  it('names an operator that does not apply to the field before looking at the value', async () => {
    const [picklist, number, text] = await Promise.all([
      sim('--where', 'Status BeginsWith Comp'),
      sim('--where', 'id Contains 1'),
      sim('--where', 'Title IsThisDay 2024-01-02'),
    ]);
    assert.equal(picklist.status, 1);
    assert.match(
      picklist.stderr,
      /^UsageError: --where "Status BeginsWith Comp": BeginsWith does not apply to Ticket\.Status, a number field \(a picklist\); its operators: Equals, NotEqual, .*IsNull\n$/,
    );
    assert.doesNotMatch(picklist.stderr, /not a label/);
    assert.match(number.stderr, /Contains does not apply to Ticket\.id, a number field; its operators: Equals/);
    assert.match(text.stderr, /IsThisDay does not apply to Ticket\.Title, a text field; its operators: Equals, .*BeginsWith/);
  });

  it('takes a UDF by its bare name where no field has it, as --fields does; a misspelt field gets the likely one', async () => {
    const [bare, prefixed, misspelt] = await Promise.all([
      sim('--where', 'Room Equals 12B', '--format', 'csv', '--fields', 'id,Room'),
      sim('--where', 'udf:Room Equals 12B', '--format', 'csv', '--fields', 'id,Room'),
      sim('--where', 'Titel Equals x'),
    ]);
    assert.equal(bare.status, 0, bare.stderr);
    assert.match(bare.stdout, /^id,udf:Room\r\n(\d+,12B\r\n)+$/);
    assert.equal(bare.stdout, prefixed.stdout);
    assert.equal(misspelt.status, 1);
    assert.match(
      misspelt.stderr,
      /^UsageError: --where "Titel Equals x": Ticket has no field "Titel" and no UDF of that name; did you mean Title\?\n$/,
    );
  });
});

describe('atws query --transport', () => {
  it('queries the embedded simulator over REST and writes the rows SOAP writes', async () => {
    const args = ['--where', 'id LessThanOrEquals 12', '--where', 'Title Contains #', '--labels'];
    const [soap, rest, restCsv, soapCsv] = await Promise.all([
      sim(...args),
      atws(['query', 'Ticket', '--sim', '--sim-tickets', '30', '--transport', 'rest', ...args], { ATWS_DEBUG: '1' }),
      sim('--transport', 'REST', '--where', 'Room Equals 12B', '--format', 'csv', '--fields', 'id,Title,Status,DueDateTime,udf:Room'),
      sim('--where', 'Room Equals 12B', '--format', 'csv', '--fields', 'id,Title,Status,DueDateTime,udf:Room'),
    ]);
    assert.equal(soap.status, 0, soap.stderr);
    assert.equal(rest.status, 0, rest.stderr);
    // The debug lines show which wire the rows came over.
    assert.match(rest.stderr, /^atws -> query #\d+ (GET|POST) http:\/\/127\.0\.0\.1:\d+\/ATServicesRest\/V1\.0\/Tickets\/query\b/m);
    assert.doesNotMatch(rest.stderr, /atws\.asmx/);
    // SOAP answers an empty text field with an empty element, REST with null or nothing: the rows
    // are the same once those are left out.
    const rows = (out: string): Record<string, unknown>[] =>
      (JSON.parse(out) as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
    assert.equal(rows(rest.stdout).length, 12);
    assert.deepEqual(rows(rest.stdout), rows(soap.stdout));
    assert.equal(restCsv.status, 0, restCsv.stderr);
    assert.match(restCsv.stdout, /^id,Title,Status,DueDateTime,udf:Room\r\n(\d+,[^\r]+,\d+,[^\r]+,12B\r\n)+$/);
    assert.equal(restCsv.stdout, soapCsv.stdout);
  });

  it('refuses a transport it does not know, naming the two it knows', async () => {
    const run = await sim('--transport', 'grpc');
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'UsageError: --transport must be soap or rest, got "grpc"\n');
  });

  it('says that REST needs the integration code before any request', async () => {
    const run = await atws(
      ['query', 'Ticket', '--transport', 'rest', '--url', 'http://127.0.0.1:9/ATServicesRest/', '--username', 'api@example.com'],
      { ATWS_PASSWORD: 'not-shown-1' },
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^UsageError: atws query: --transport rest needs --integration-code \(or ATWS_INTEGRATION_CODE\)/);
    assert.doesNotMatch(run.stderr, /not-shown-1/);
  });
});

describe('atws query --format table', () => {
  it('shows what a person looks for first: number, title, status and priority as labels, dates', async () => {
    const run = await sim('--where', 'id LessThanOrEquals 2', '--format', 'table');
    assert.equal(run.status, 0, run.stderr);
    const [header, rule, first, , footer] = run.stdout.split('\n');
    assert.deepEqual(
      header?.split('|').map((c) => c.trim()),
      ['id', 'TicketNumber', 'Title', 'Status', 'Priority', 'DueDateTime', 'CreateDate'],
    );
    assert.match(rule ?? '', /^-+(-\+-+)+$/);
    // Ticket 1 of the simulator's seed data: Status 7 and Priority 2 are their labels; instants in UTC, to the minute.
    assert.match(
      first ?? '',
      /^1 +\| T20240102\.0001 \| Weekly team meeting #1 +\| Waiting Customer \| Medium +\| 2024-01-05 14:00Z +\| 2024-01-02 14:00Z$/,
    );
    assert.equal(footer, '(2 Ticket entities)');
    // Other entities by the same rules: Account's number, name and Active; Contact's names.
    const [account, contact] = await Promise.all([
      atws(['query', 'Account', '--sim', '--sim-tickets', '1', '--limit', '1', '--format', 'table']),
      atws(['query', 'Contact', '--sim', '--sim-tickets', '1', '--limit', '1', '--format', 'table']),
    ]);
    assert.match(account.stdout, /^id +\| AccountNumber +\| AccountName +\| Active +\| CreateDate +\|/);
    assert.match(contact.stdout, /^id +\| FirstName +\| LastName +\| Active +\| CreateDate +\|/);
  });
});

describe('atws query --format table with wide characters', () => {
  it('aligns columns by display width: CJK and emoji take two columns, a combining mark none', async () => {
    const sim = await startSimulator({ tickets: 0 });
    try {
      const titles = ['打印机离线', 'Printer 🖨️ offline', 'Cafe\u0301 menu', 'ascii only', '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀'];
      for (const Title of titles)
        sim.store.insert('Ticket', { Title, AccountID: 0, DueDateTime: new Date('2024-06-01T12:00:00Z'), Priority: 2, Status: 1 });
      const run = await atws(
        ['query', 'Ticket', '--url', sim.asmxUrl('1.6'), '--username', sim.options.username, '--format', 'table', '--fields', 'id,Title,Status'],
        {
          ATWS_PASSWORD: sim.options.password,
          ATWS_INTEGRATION_CODE: sim.options.integrationCode,
        },
      );
      assert.equal(run.status, 0, run.stderr);
      const lines = run.stdout.split('\n').filter((l) => l.includes('|'));
      assert.equal(lines.length, 1 + titles.length);
      // Every line's separators sit at the same display columns.
      const bars = (line: string): number[] => {
        const at: number[] = [];
        let column = 0;
        for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(line)) {
          if (segment === '|') at.push(column);
          column += stringWidth(segment);
        }
        return at;
      };
      for (const line of lines) assert.deepEqual(bars(line), bars(lines[0] as string), line);
      assert.match(run.stdout, /打印机离线/);
      // Cut at 40 columns, between graphemes, with an ellipsis: 19 emoji (38 columns) and the ellipsis.
      assert.match(run.stdout, new RegExp(`\\| ${'😀'.repeat(19)}\u2026  \\|`));
    } finally {
      await sim.close();
    }
  });
});

describe('atws query --format csv', () => {
  it('guards cells a spreadsheet would run as formulas with a leading quote; numbers stay numbers', async () => {
    const sim = await startSimulator({ tickets: 0 });
    try {
      const titles = ['=cmd|calc!A1', '+1+1', '-2+3', '@SUM(A1:A2)', '\tindented', 'plain = text', '-5'];
      for (const Title of titles)
        sim.store.insert('Ticket', {
          Title,
          AccountID: 0,
          DueDateTime: new Date('2024-06-01T12:00:00Z'),
          Priority: 2,
          Status: 1,
          EstimatedHours: -1.5,
        });
      const run = await atws(
        ['query', 'Ticket', '--url', sim.asmxUrl('1.6'), '--username', sim.options.username, '--format', 'csv', '--fields', 'Title,EstimatedHours'],
        {
          ATWS_PASSWORD: sim.options.password,
          ATWS_INTEGRATION_CODE: sim.options.integrationCode,
        },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(run.stdout.split('\r\n'), [
        'Title,EstimatedHours',
        `"'=cmd|calc!A1",-1.5`,
        `"'+1+1",-1.5`,
        `"'-2+3",-1.5`,
        `"'@SUM(A1:A2)",-1.5`,
        `"'\tindented",-1.5`,
        'plain = text,-1.5',
        '-5,-1.5',
        '',
      ]);
    } finally {
      await sim.close();
    }
  });
});
