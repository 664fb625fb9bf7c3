// `connect({ api })`: a module generated outside the package (here into a temporary folder, as
// `atws codegen generate` does in a user's project) is what the connection makes and decodes
// into: `at.new`, query cursors, fetchByIds, writes and their read-backs, patch, picklists.
// Its classes are other classes than the package's own generated/v1_6, so `instanceof` tells
// which module each object came from.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '../../../codegen/generate.js';
import * as shipped from '../../../generated/v1_6/index.js';
import * as shipped15 from '../../../generated/v1_5/index.js';
import { connect, Query, UsageError, type Connection } from '../../../runtime/index.js';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from '../../unit/codegen/codegen-temp.js';
import { simLogin } from './sim-connect.js';

type Module16 = typeof shipped;

describe('connect({ api }) uses the module it is given', () => {
  let sim: RunningSimulator;
  let temp: { path: string; remove: () => Promise<void> };
  let tenant: Module16;
  let at: Connection<Module16>;
  before(async () => {
    sim = await startSimulator({ tickets: 12 });
    temp = await makeTempDir('connect-api');
    const outDir = join(temp.path, 'v1_6');
    await generate({ snapshotDir: join(projectRoot, 'wsdl', '1.6'), outDir });
    tenant = (await import(pathToFileURL(join(outDir, 'index.ts')).href)) as Module16;
    at = await connect({ ...simLogin, url: sim.asmxUrl('1.6'), retryBaseDelayMs: 5, api: tenant });
  });
  after(async () => {
    at?.close();
    await sim?.close();
    await temp?.remove();
  });

  it("is another module than the package's own (or the test would prove nothing)", () => {
    assert.notEqual(tenant.Ticket, shipped.Ticket);
    assert.equal(at.apiVersion, '1.6');
    assert.equal(at.metadata, tenant.metadata);
  });

  it("at.new, query cursors and fetchByIds make the module's classes", async () => {
    const made = at.new('Ticket');
    assert.ok(made instanceof tenant.Ticket);
    assert.ok(!(made instanceof shipped.Ticket));
    const queried = await at.query(new Query<'Ticket', shipped.EntityMap>('Ticket').where('id', 'LessThan', 6)).fetchAll();
    assert.ok(queried.length > 0);
    for (const ticket of queried) assert.ok(ticket instanceof tenant.Ticket, `query gave a ${ticket.constructor.name} of another module`);
    const account = await at.fetchByIds('Account', [0]).fetchOne();
    assert.ok(account instanceof tenant.Account);
  });

  it("writes go out from the module's metadata and are read back into its classes", async () => {
    const tp = await at.picklist('Ticket');
    const ticket = at.new('Ticket', {
      Title: 'through a tenant module',
      AccountID: 0,
      DueDateTime: new Date(Date.now() + 86_400_000),
      Priority: tp.Priority.get('Medium'),
      Status: tp.Status.get('New'),
    });
    const [created] = await at.create(ticket).fetchAll();
    assert.equal(created, ticket);
    assert.ok(typeof ticket.id === 'number');
    // Filled from the read-back: the server's TicketNumber, which was not sent.
    assert.match(String(ticket.TicketNumber), /^T/);
    const stored = (await at.fetchByIds('Ticket', [ticket.id as number]).fetchOne())!;
    assert.ok(stored instanceof tenant.Ticket);
    stored.Title = 'updated through a tenant module';
    const [updated] = await at.update(stored).fetchAll();
    assert.equal(updated?.Title, 'updated through a tenant module');
    const patched = await at.patch('Ticket', ticket.id as number, { Description: 'patched' });
    assert.ok(patched instanceof tenant.Ticket);
    assert.equal(patched.Description, 'patched');
  });

  it("refuses an apiVersion other than the module's, naming both", async () => {
    await assert.rejects(
      connect({ ...simLogin, url: sim.asmxUrl('1.5'), api: shipped15, apiVersion: '1.6' } as never),
      (error: unknown) => error instanceof UsageError && /`apiVersion` is '1\.6' but the `api` module is generated for API 1\.5/.test(error.message),
    );
  });

  it('refuses a value that is not a generated module, naming what it lacks', async () => {
    await assert.rejects(
      connect({ ...simLogin, url: sim.asmxUrl('1.6'), api: { metadata: tenant.metadata } } as never),
      (error: unknown) =>
        error instanceof UsageError && /`api` must be a generated module .*; it has no entityClasses, operations$/.test(error.message),
    );
  });

  it('takes its version from the module when apiVersion is left out (1.5: no integration code needed)', async () => {
    const at15 = await connect({ username: simLogin.username, password: simLogin.password, url: sim.asmxUrl('1.5'), api: shipped15 });
    assert.equal(at15.apiVersion, '1.5');
    assert.ok((await at15.fetchByIds('Ticket', [1]).fetchOne()) instanceof shipped15.Ticket);
    at15.close();
  });
});
