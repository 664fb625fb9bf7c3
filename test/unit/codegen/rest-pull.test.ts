// A live pull over REST from a running simulator's REST front (zoneInformation, entityInformation,
// /fields, /userDefinedFields over real HTTP with the UserName, Secret and ApiIntegrationCode
// headers), against a SOAP pull of the same simulated tenant; and the tenant module generated from it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AuthenticationError, ZoneNotFoundError } from '../../../runtime/protocol/errors.js';
import { CodegenError } from '../../../codegen/codegen-error.js';
import { buildVersion } from '../../../codegen/generate.js';
import { pullLiveMetadata } from '../../../codegen/live-metadata.js';
import { packagedApi } from '../../../codegen/packaged-api.js';
import { pull, type PullResult } from '../../../codegen/pull.js';
import { pullRestMetadata } from '../../../codegen/rest-metadata.js';
import type { EntitySnapshot, SnapshotEntity } from '../../../codegen/snapshot.js';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'runtime', 'cli', 'atws.ts'), ...args], { cwd: projectRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every difference of two snapshots' entities, as `Entity.key` or `Entity.field.key` with both values. */
function differences(soap: readonly SnapshotEntity[], rest: readonly SnapshotEntity[]): string[] {
  const found: string[] = [];
  const restByName = new Map(rest.map((e) => [e.name, e]));
  assert.deepEqual(
    rest.map((e) => e.name),
    soap.map((e) => e.name),
  );
  for (const s of soap) {
    const r = restByName.get(s.name) as SnapshotEntity;
    for (const key of ['canCreate', 'canUpdate', 'canDelete', 'canQuery', 'hasUserDefinedFields', 'source'] as const) {
      if (s[key] !== r[key]) found.push(`${s.name}.${key}: ${String(s[key])} -> ${String(r[key])}`);
    }
    if (JSON.stringify(s.udfs) !== JSON.stringify(r.udfs)) found.push(`${s.name}.udfs: ${JSON.stringify(s.udfs)} -> ${JSON.stringify(r.udfs)}`);
    assert.deepEqual(
      r.fields.map((f) => f.name),
      s.fields.map((f) => f.name),
      s.name,
    );
    s.fields.forEach((sf, i) => {
      const rf = r.fields[i] as (typeof r.fields)[number];
      for (const key of new Set([...Object.keys(sf), ...Object.keys(rf)])) {
        const a = JSON.stringify((sf as unknown as Record<string, unknown>)[key]);
        const b = JSON.stringify((rf as unknown as Record<string, unknown>)[key]);
        if (a !== b) found.push(`${s.name}.${sf.name}.${key}: ${a} -> ${b}`);
      }
    });
  }
  return found;
}

describe('atws codegen pull --transport rest (live)', () => {
  let sim: RunningSimulator;
  let temp: { path: string; remove: () => Promise<void> };
  let known: Awaited<ReturnType<typeof packagedApi>>;
  let soapPulled: PullResult;
  let restPulled: PullResult;
  before(async () => {
    sim = await startSimulator({ tickets: 5 });
    temp = await makeTempDir('codegen-rest');
    known = await packagedApi('1.6');
    const { username, password, integrationCode } = sim.options;
    const soapLive = await pullLiveMetadata({
      endpoint: sim.asmxUrl('1.6'),
      wsdl: sim.wsdlUrl('1.6'),
      credentials: { username, password },
      integrationCode,
    });
    soapPulled = await pull({
      wsdl: sim.wsdlUrl('1.6'),
      metadata: { live: soapLive.metadata, label: soapLive.label },
      restrictToWsdl: false,
      outDir: join(temp.path, 'soap'),
      report: () => {},
    });
  });
  after(async () => {
    await sim.close();
    await temp.remove();
  });

  it('finds the zone with zoneInformation and writes the snapshot a SOAP pull writes, but where REST answers otherwise', async () => {
    const { username, password, integrationCode } = sim.options;
    const live = await pullRestMetadata({
      apiVersion: '1.6',
      known,
      discoveryUrl: `${sim.restUrl}V1.0/zoneInformation`,
      credentials: { username, password },
      integrationCode,
    });
    assert.equal(live.label, `${sim.restUrl}V1.0/`);
    assert.deepEqual(live.notOverRest, ['InstalledProductTypeUdfAssociation']);
    const reported: string[] = [];
    restPulled = await pull({
      wsdl: { document: known.wsdlDocument, label: known.wsdlLabel },
      credentials: { username, password },
      integrationCode,
      metadata: { live: live.metadata, label: live.label },
      restrictToWsdl: false,
      outDir: join(temp.path, 'rest'),
      report: (line) => reported.push(line),
    });
    // None: the package's WSDL declares every entity and field of its metadata.
    assert.deepEqual(reported, []);
    const text = await readFile(join(temp.path, 'rest', '1.6', 'entities.json'), 'utf8');
    const wsdlText = await readFile(join(temp.path, 'rest', '1.6', 'wsdl.json'), 'utf8');
    for (const secret of [password, integrationCode]) for (const out of [text, wsdlText]) assert.equal(out.includes(secret), false);
    const rest = JSON.parse(text) as EntitySnapshot;
    const soap = JSON.parse(await readFile(join(temp.path, 'soap', '1.6', 'entities.json'), 'utf8')) as EntitySnapshot;
    assert.deepEqual(JSON.parse(wsdlText), JSON.parse(await readFile(join(temp.path, 'soap', '1.6', 'wsdl.json'), 'utf8')));
    const { entities: restEntities, sources: restSources, metadataVersion: restVersion, ...restRest } = rest;
    const { entities: soapEntities, sources: soapSources, metadataVersion: soapVersion, ...soapRest } = soap;
    assert.deepEqual(restRest, soapRest);
    assert.deepEqual(restSources, { wsdl: 'atws/v1_6/wsdl-document', metadata: `${sim.restUrl}V1.0/` });
    assert.deepEqual([soapSources.wsdl, soapVersion, restVersion], [sim.wsdlUrl('1.6'), '1.6.8', 'REST V1.0']);
    const values = (text: string): string => text.replace(/: \[\{"value".*\] -> /, ': [values] -> ');
    assert.deepEqual(differences(soapEntities, restEntities).map(values), [
      // Fields REST lacks (the model's soapOnlyFields) keep the package's description: REST says nothing of their values.
      'Account.KeyAccountIcon.picklistValues: [values] -> undefined',
      'AllocationCode.GeneralLedgerCode.picklistValues: [values] -> undefined',
      'AllocationCode.Type.picklistValues: [values] -> undefined',
      'Opportunity.LeadReferral.picklistValues: [values] -> undefined',
      'Project.LineOfBusiness.picklistValues: [values] -> undefined',
      'QuoteTemplate.DisplayCurrencySymbol.picklistValues: [values] -> undefined',
    ]);
    // The tenant's own: picklist values and UDFs came over REST.
    const ticket = restEntities.find((e) => e.name === 'Ticket') as SnapshotEntity;
    assert.ok((ticket.fields.find((f) => f.name === 'Status')?.picklistValues ?? []).length > 0);
    assert.equal(ticket.fields.find((f) => f.name === 'SubIssueType')?.picklistParent, 'IssueType');
    assert.ok((ticket.udfs ?? []).length > 0);
  });

  it('generates a tenant module typing the picklist labels and UDF names pulled over REST', async () => {
    const files = await buildVersion({ snapshotDir: restPulled.directory, outDir: join(temp.path, 'generated', 'v1_6'), registerVersion: false });
    const ticketSource = files.get('entities/Ticket.ts') ?? '';
    const ticket = restPulled.snapshot.entities.find((e) => e.name === 'Ticket') as SnapshotEntity;
    const status = ticket.fields.find((f) => f.name === 'Status');
    const label = status?.picklistValues?.find((v) => v.isActive)?.label as string;
    const udf = ticket.udfs?.[0]?.name as string;
    assert.match(ticketSource, /export interface TicketPicklistLabels \{/);
    assert.ok(ticketSource.includes(`readonly Status: ${JSON.stringify(label).replace(/"/g, "'")}`) || ticketSource.includes(`'${label}'`), label);
    assert.match(ticketSource, /export interface TicketUdfs \{/);
    assert.ok(ticketSource.includes(`readonly ${/^\w+$/.test(udf) ? udf : `'${udf}'`}: UdfField<`), udf);
    // And the module is the one a SOAP pull of the same tenant gives.
    const fromSoap = await buildVersion({
      snapshotDir: soapPulled.directory,
      outDir: join(temp.path, 'generated-soap', 'v1_6'),
      registerVersion: false,
    });
    const body = (text: string | undefined): string => (text ?? '').split('\n').slice(2).join('\n');
    assert.equal(body(ticketSource), body(fromSoap.get('entities/Ticket.ts')));
  });

  it('fails with the AuthenticationError the client gives after one request, not the secret, on a wrong secret', async () => {
    const requestsBefore = sim.stats.total;
    await assert.rejects(
      pullRestMetadata({
        apiVersion: '1.6',
        known,
        url: sim.restUrl,
        credentials: { username: sim.options.username, password: 'not-the-secret-xyz' },
        integrationCode: sim.options.integrationCode,
      }),
      (error: unknown) => {
        assert.ok(error instanceof AuthenticationError, String(error));
        assert.equal(error.status, 401);
        assert.equal(error.message, `getEntityInfo: Autotask refused the credentials of user "${sim.options.username}" (HTTP 401)`);
        return true;
      },
    );
    assert.equal(sim.stats.total - requestsBefore, 1);
  });

  it('refuses to write a snapshot holding the secret (a proxy echoed it into a picklist label), naming the field', async () => {
    const { username, password, integrationCode } = sim.options;
    const target = new URL(sim.restUrl);
    // A proxy that echoes the Secret header into the first picklist label of Tickets' fields.
    const proxy = http.createServer((req, res) => {
      const forward = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            let text = Buffer.concat(parts).toString('utf8');
            if (/\/Tickets\/entityInformation\/fields$/i.test(req.url ?? ''))
              text = text.replace(/"label":"[^"]*"/, `"label":"Signed in with ${String(req.headers['secret'])}"`);
            const headers = { ...answer.headers };
            delete headers['content-length'];
            res.writeHead(answer.statusCode ?? 500, headers).end(text);
          });
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`;
      const live = await pullRestMetadata({ apiVersion: '1.6', known, url, credentials: { username, password }, integrationCode });
      const outDir = join(temp.path, 'echoed');
      await assert.rejects(
        pull({
          wsdl: { document: known.wsdlDocument, label: known.wsdlLabel },
          credentials: { username, password },
          integrationCode,
          metadata: { live: live.metadata, label: live.label },
          restrictToWsdl: false,
          outDir,
          report: () => {},
        }),
        (error: unknown) => {
          assert.ok(error instanceof CodegenError, String(error));
          assert.match(error.message, /entities\.json: entities\[Ticket\]\.fields\[\w+\]\.picklistValues\[0\]\.label holds a secret of the login/);
          assert.equal(error.message.includes(password), false);
          return true;
        },
      );
      assert.equal(existsSync(join(outDir, '1.6')), false, 'a snapshot was written');
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('names an unknown user as the client does (zoneInformation answers 500)', async () => {
    await assert.rejects(
      pullRestMetadata({
        apiVersion: '1.6',
        known,
        discoveryUrl: `${sim.restUrl}V1.0/zoneInformation`,
        credentials: { username: 'nobody@sim.example', password: sim.options.password },
        integrationCode: sim.options.integrationCode,
      }),
      (error: unknown) => error instanceof ZoneNotFoundError && /nobody@sim\.example/.test(error.message),
    );
  });

  it('stops at the size limit with an error naming the URL and the call', async () => {
    await assert.rejects(
      pullRestMetadata({
        apiVersion: '1.6',
        known,
        url: sim.restUrl,
        credentials: { username: sim.options.username, password: sim.options.password },
        integrationCode: sim.options.integrationCode,
        limits: { timeoutMs: 10_000, maxAnswerBytes: 2_000 },
      }),
      (error: unknown) => {
        assert.ok(error instanceof CodegenError, String(error));
        assert.match(
          error.message,
          /\/V1\.0\/Companies\/entityInformation\/fields: GetFieldInfo: the answer is larger than 2,000 bytes \(--max-answer-mb\)/,
        );
        return true;
      },
    );
  });

  it('runs from the command line, secrets from the environment, exit 1 on a wrong secret', async () => {
    const env = { ...process.env, ATWS_PASSWORD: sim.options.password, ATWS_INTEGRATION_CODE: sim.options.integrationCode };
    const out = join(temp.path, 'cli');
    const ok = await run(['codegen', 'pull', '--transport', 'rest', '--url', sim.restUrl, '--username', sim.options.username, '--out', out], env);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /167 entities, 0 disagreements/);
    assert.equal(`${ok.stdout}${ok.stderr}`.includes(sim.options.password), false);
    assert.equal(await readFile(join(out, '1.6', 'entities.json'), 'utf8'), await readFile(join(restPulled.directory, 'entities.json'), 'utf8'));
    const bad = await run(
      ['codegen', 'pull', '--transport', 'rest', '--url', sim.restUrl, '--username', sim.options.username, '--out', join(temp.path, 'bad')],
      {
        ...env,
        ATWS_PASSWORD: 'not-the-secret-xyz',
      },
    );
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^AuthenticationError: getEntityInfo: Autotask refused the credentials of user "api-user@sim\.example" \(HTTP 401\)$/m);
    assert.equal(bad.stderr.includes('not-the-secret-xyz'), false);
    // REST refuses every call without an integration code: said before any request.
    const requestsBefore = sim.stats.total;
    const noCode = await run(
      ['codegen', 'pull', '--transport', 'rest', '--url', sim.restUrl, '--username', sim.options.username, '--out', join(temp.path, 'none')],
      {
        ...env,
        ATWS_INTEGRATION_CODE: '',
      },
    );
    assert.equal(noCode.status, 1);
    assert.match(noCode.stderr, /^CodegenError: atws codegen pull --transport rest: --integration-code \(or ATWS_INTEGRATION_CODE\) is required/m);
    assert.equal(sim.stats.total, requestsBefore);
  });
});
