/**
 * What the `atws` commands say when something is wrong, as a user sees it: the built bin
 * (test/support/built-bin.ts) in a real process against a simulator over HTTP. The same failure
 * gets the same error and words from every command.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { builtAtwsBin } from '../../support/built-bin.js';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

let bin: string;
let sim: RunningSimulator;
let cwd: string;
before(
  async () => {
    bin = await builtAtwsBin();
    sim = await startSimulator({ tickets: 5 });
    cwd = mkdtempSync(join(tmpdir(), 'atws-errors-'));
  },
  { timeout: 600_000 },
);
after(async () => {
  await sim?.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** `atws <args>` in a scratch folder, with a clean ATWS_* environment plus `env`. */
function atws(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ATWS_') && k !== 'TSX_TSCONFIG_PATH'));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

describe('the same failure, the same words', () => {
  it('a wrong password: codegen pull and query both say AuthenticationError ... refused the credentials (HTTP 401)', async () => {
    const login = { ATWS_PASSWORD: 'not-the-password', ATWS_INTEGRATION_CODE: sim.options.integrationCode };
    const flags = ['--url', sim.asmxUrl('1.6'), '--username', sim.options.username];
    const [pull, query] = await Promise.all([atws(['codegen', 'pull', ...flags], login), atws(['query', 'Ticket', ...flags], login)]);
    const refused = /^AuthenticationError: \w+: Autotask refused the credentials of user "api-user@sim\.example" \(HTTP 401\)$/m;
    for (const run of [pull, query]) {
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, refused);
      assert.doesNotMatch(run.stderr, /Cannot parse response|not-the-password/);
    }
  });
});

describe('one error style for every command', () => {
  it("commander's own errors are one UsageError line naming the help to read, never the help itself", async () => {
    const cases: Array<[string[], RegExp]> = [
      [['sim', '--bogus'], /^UsageError: unknown option '--bogus' \(atws sim --help lists what it takes\)\n$/],
      [['sim', '--tickts', '5'], /^UsageError: unknown option '--tickts'; did you mean --tickets\? \(atws sim --help lists what it takes\)\n$/],
      [
        ['sim', '--port', 'abc'],
        /^UsageError: option '--port <port>' argument 'abc' is invalid\. --port must be an integer from 0 to 65535, got "abc" \(atws sim --help lists what it takes\)\n$/,
      ],
      [['query', 'Ticket', '--bogus'], /^UsageError: unknown option '--bogus' \(atws query --help lists what it takes\)\n$/],
      [['query'], /^UsageError: missing required argument 'entity' \(atws query --help lists what it takes\)\n$/],
      [['codegen', 'pull', '--bogus'], /^UsageError: unknown option '--bogus' \(atws codegen pull --help lists what it takes\)\n$/],
      [['quer'], /^UsageError: unknown command 'quer'; did you mean query\? \(atws --help lists what it takes\)\n$/],
      [['query', 'Ticket', '--format', 'xml'], /^UsageError: --format must be json, csv or table, got "xml"\n$/],
    ];
    const runs = await Promise.all(cases.map(([args]) => atws(args)));
    runs.forEach((run, i) => {
      const [args, expected] = cases[i] as [string[], RegExp];
      assert.equal(run.status, 1, args.join(' '));
      assert.match(run.stderr, expected, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    });
  });

  it('a misspelt entity gets the likely one; an inactive label is named as such, and not listed as valid', async () => {
    const login = { ATWS_PASSWORD: sim.options.password, ATWS_INTEGRATION_CODE: sim.options.integrationCode };
    const flags = ['--url', sim.asmxUrl('1.6'), '--username', sim.options.username];
    const [plural, lower, inactive, unknown] = await Promise.all([
      atws(['query', 'Tickets', ...flags], login),
      atws(['query', 'ticket', ...flags], login),
      atws(['query', 'Ticket', ...flags, '--where', 'Status Equals On Hold (retired)'], login),
      atws(['query', 'Ticket', ...flags, '--where', 'Status Equals Finished'], login),
    ]);
    assert.match(plural.stderr, /^UsageError: No entity type "Tickets"; did you mean Ticket\?\n$/);
    assert.match(lower.stderr, /^UsageError: No entity type "ticket"; did you mean Ticket\?\n$/);
    assert.match(
      inactive.stderr,
      /^UsageError: Ticket\.Status: "On Hold \(retired\)" is an inactive value's label \(value 17\); to find entities that still hold it, give the value\n$/,
    );
    assert.match(unknown.stderr, /^PicklistLabelError: "Finished" is not a label of picklist Ticket\.Status; valid labels: "New", .*"Complete"/);
    assert.doesNotMatch(unknown.stderr, /On Hold \(retired\)/, 'as at.picklist() has them: active labels only');
  });

  it('help texts: command descriptions start with a capital letter, option descriptions with a small one', async () => {
    const helps = await Promise.all(
      [
        ['--help'],
        ['query', '--help'],
        ['sim', '--help'],
        ['codegen', '--help'],
        ['codegen', 'pull', '--help'],
        ['codegen', 'generate', '--help'],
      ].map((args) => atws(args)),
    );
    for (const help of helps) {
      assert.equal(help.status, 0, help.stderr);
      const [, description] = /^Usage: .*\n\n(\S)/.exec(help.stdout) ?? [];
      assert.match(description ?? '', /[A-Z]/, help.stdout.slice(0, 200));
      for (const section of help.stdout.split(/\n(?=Options:|Commands:|Arguments:)/).slice(1)) {
        const kind = section.slice(0, section.indexOf(':'));
        // Each entry: the name, two spaces or more, then its description (continuation lines are indented further).
        for (const [, name, first] of section.matchAll(/^ {2}(\S.*?) {2,}(\S+)/gm)) {
          if (kind === 'Commands') assert.match(first as string, /^[A-Z]/, `command ${name}`);
          // A phrase: a small letter first, unless the first word is an acronym (API, TCP).
          else assert.match(first as string, /^([a-z'<(|]|[A-Z0-9]{2,}\b)/, `${kind.toLowerCase()} ${name}: ${first}`);
        }
      }
    }
  });
});
