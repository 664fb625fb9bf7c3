/**
 * The built package works the way an installed one does: `import { connect, Query } from 'atws'`
 * from a script in the project root (package self-reference through `exports`), the per-version
 * entry points, and the `atws` bin. `npm install`/`npm ci` build `dist/` through `prepare`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { projectRoot, skipUnless } from '../../support/shared.js';

const built = existsSync(join(projectRoot, 'dist/runtime/index.js'));
const skip = skipUnless(built, 'dist/ (run `npm run build`; npm install does it through `prepare`)');

test('a script in the project root imports the package by its name', { skip }, () => {
  const dir = mkdtempSync(join(projectRoot, '.tmp-selfref-'));
  try {
    const script = join(dir, 'use-atws.mjs');
    writeFileSync(
      script,
      [
        "import { connect, Query, AtwsError, ApiError } from 'atws';",
        "import { Ticket } from 'atws/v1_6';",
        "import { Ticket as Ticket15 } from 'atws/v1_5';",
        "const q = new Query('Ticket').where('id', 'GreaterThan', 5667);",
        'console.log(JSON.stringify({ connect: typeof connect, xml: q.toXml(), ticket: Ticket.entityName,',
        "  ticket15: Ticket15.entityName, errors: new ApiError('x', { operation: 'query', messages: [] }) instanceof AtwsError }));",
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync(process.execPath, [script], { cwd: projectRoot, encoding: 'utf8' })) as {
      connect: string;
      xml: string;
      ticket: string;
      ticket15: string;
      errors: boolean;
    };
    assert.equal(out.connect, 'function');
    assert.match(out.xml, /<entity>Ticket<\/entity>/);
    assert.match(out.xml, /<expression op="GreaterThan">5667<\/expression>/);
    assert.equal(out.ticket, 'Ticket');
    assert.equal(out.ticket15, 'Ticket');
    assert.equal(out.errors, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the atws bin lists its subcommands', { skip }, () => {
  const help = execFileSync(process.execPath, [join(projectRoot, 'dist/runtime/cli/atws.js'), '--help'], {
    encoding: 'utf8',
  });
  for (const command of ['codegen', 'sim', 'query']) assert.match(help, new RegExp(`^\\s+${command}\\b`, 'm'));
});
