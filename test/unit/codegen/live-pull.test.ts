// A live pull from a running simulator: getEntityInfo, GetFieldInfo (with picklist values) and
// getUDFInfo over real HTTP with Basic credentials and the integration code, through the CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CodegenError } from '../../../codegen/codegen-error.js';
import { AuthenticationError } from '../../../runtime/protocol/errors.js';
import { pullLiveMetadata } from '../../../codegen/live-metadata.js';
import { pull } from '../../../codegen/pull.js';
import type { EntitySnapshot } from '../../../codegen/snapshot.js';
import { metadata } from '../../../generated/v1_6/metadata.js';
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

describe('atws codegen pull --url (live)', () => {
  let sim: RunningSimulator;
  let temp: { path: string; remove: () => Promise<void> };
  before(async () => {
    sim = await startSimulator({ tickets: 5 });
    temp = await makeTempDir('codegen-live');
  });
  after(async () => {
    await sim.close();
    await temp.remove();
  });

  it('pulls entities, fields, picklist values and UDFs, with no secret in the snapshot', async () => {
    const { username, password, integrationCode } = sim.options;
    const live = await pullLiveMetadata({
      endpoint: sim.asmxUrl('1.6'),
      wsdl: sim.wsdlUrl('1.6'),
      credentials: { username, password },
      integrationCode,
    });
    const reported: string[] = [];
    await pull({
      wsdl: sim.wsdlUrl('1.6'),
      metadata: { live: live.metadata, label: live.label },
      restrictToWsdl: false,
      outDir: temp.path,
      report: (line) => reported.push(line),
    });
    // None: the simulator's WSDL declares every entity and field its metadata has (the derived
    // declarations of wsdl/1.6/wsdl.json), as a real endpoint's WSDL does.
    assert.deepEqual(reported, []);
    const text = await readFile(join(temp.path, '1.6', 'entities.json'), 'utf8');
    const wsdlText = await readFile(join(temp.path, '1.6', 'wsdl.json'), 'utf8');
    for (const secret of [password, integrationCode]) {
      for (const out of [text, wsdlText]) assert.equal(out.includes(secret), false);
    }
    const snapshot = JSON.parse(text) as EntitySnapshot;
    assert.equal(snapshot.entities.length, 167);
    // The WSDL served, read back, is the snapshot's: derived declarations included.
    assert.deepEqual(JSON.parse(wsdlText), JSON.parse(await readFile(join(projectRoot, 'wsdl', '1.6', 'wsdl.json'), 'utf8')));
    const ticket = snapshot.entities.find((e) => e.name === 'Ticket');
    assert.ok(ticket);
    const status = ticket.fields.find((f) => f.name === 'Status');
    assert.ok(status?.picklistValues && status.picklistValues.length > 0);
    const sub = ticket.fields.find((f) => f.name === 'SubIssueType');
    assert.equal(sub?.picklistParent, 'IssueType');
    assert.ok(sub?.picklistValues?.every((v) => v.parentValue !== undefined));
    assert.ok((ticket.udfs ?? []).length > 0);
    // What the live API reports matches the generated metadata the simulator answers from.
    assert.deepEqual(
      ticket.fields.map((f) => [f.name, f.type, f.required, f.readOnly, f.queryable, f.reference ?? null]),
      Object.values(metadata.entities.Ticket.fields).map((f) => [
        f.name,
        f.type,
        f.required,
        f.readOnly,
        f.queryable,
        'reference' in f ? f.reference : null,
      ]),
    );
  });

  it('fails with the AuthenticationError the client gives, not the password, on wrong credentials', async () => {
    await assert.rejects(
      pullLiveMetadata({
        endpoint: sim.asmxUrl('1.6'),
        wsdl: sim.wsdlUrl('1.6'),
        credentials: { username: sim.options.username, password: 'not-the-password-xyz' },
        integrationCode: sim.options.integrationCode,
      }),
      (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.status, 401);
        assert.equal(error.message, `getEntityInfo: Autotask refused the credentials of user "${sim.options.username}" (HTTP 401)`);
        assert.equal(error.message.includes('not-the-password-xyz'), false);
        return true;
      },
    );
  });

  it('refuses to write a snapshot holding a secret of the login (a proxy echoed it into a Label), naming the field', async () => {
    const { username, password, integrationCode } = sim.options;
    const target = new URL(sim.asmxUrl('1.6'));
    // A proxy that echoes the decoded login into the first Label of Ticket's field info.
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const forward = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (c: Buffer) => parts.push(c));
            answer.on('end', () => {
              let text = Buffer.concat(parts).toString('utf8');
              if (/GetFieldInfo/.test(String(req.headers['soapaction'])) && body.includes('>Ticket<')) {
                const login = Buffer.from(String(req.headers.authorization).replace(/^Basic /, ''), 'base64').toString('utf8');
                const echoed = login
                  .slice(login.indexOf(':') + 1)
                  .replace(/&/g, '&amp;')
                  .replace(/</g, '&lt;');
                text = text.replace(/<Label>[^<]*<\/Label>/, `<Label>Signed in with ${echoed}</Label>`);
              }
              const headers = { ...answer.headers };
              delete headers['content-length'];
              delete headers['transfer-encoding'];
              res.writeHead(answer.statusCode ?? 500, headers).end(text);
            });
          },
        );
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`;
      const live = await pullLiveMetadata({ endpoint, wsdl: sim.wsdlUrl('1.6'), credentials: { username, password }, integrationCode });
      const outDir = join(temp.path, 'echoed');
      await assert.rejects(
        pull({
          wsdl: sim.wsdlUrl('1.6'),
          credentials: { username, password },
          integrationCode,
          metadata: { live: live.metadata, label: live.label },
          restrictToWsdl: false,
          outDir,
          report: () => {},
        }),
        (error: unknown) => {
          assert.ok(error instanceof CodegenError, String(error));
          assert.match(error.message, /entities\.json: entities\[Ticket\]\.fields\[\w+\]\.label holds a secret of the login/);
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

  it('runs from the command line, secrets from the environment, exit 1 on wrong credentials', async () => {
    const ok = await run(
      // No --wsdl: it defaults to the endpoint's .wsdl, as on a real ATWS zone.
      ['codegen', 'pull', '--url', sim.asmxUrl('1.6'), '--username', sim.options.username, '--out', join(temp.path, 'cli')],
      { ...process.env, ATWS_PASSWORD: sim.options.password, ATWS_INTEGRATION_CODE: sim.options.integrationCode },
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /167 entities, 0 disagreements/);
    assert.equal(`${ok.stdout}${ok.stderr}`.includes(sim.options.password), false);
    const result = await run(
      [
        'codegen',
        'pull',
        '--wsdl',
        sim.wsdlUrl('1.6'),
        '--url',
        sim.asmxUrl('1.6'),
        '--username',
        sim.options.username,
        '--out',
        join(temp.path, 'bad'),
      ],
      { ...process.env, ATWS_PASSWORD: 'not-the-password-xyz', ATWS_INTEGRATION_CODE: sim.options.integrationCode },
    );
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^AuthenticationError: getEntityInfo: Autotask refused the credentials of user "api-user@sim\.example" \(HTTP 401\)$/m,
    );
    assert.equal(result.stderr.includes('not-the-password-xyz'), false);
  });
});
