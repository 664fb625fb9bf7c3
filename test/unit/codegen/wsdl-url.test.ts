// `atws codegen pull --wsdl <url>` GETs the WSDL over HTTP with Basic credentials when given; the
// URL and credentials never reach the snapshot or an error beyond the public address.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CodegenError } from '../../../codegen/codegen-error.js';
import { pull } from '../../../codegen/pull.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

const input = join(projectRoot, 'test', 'golden', 'codegen', 'input');
const username = 'wsdl-user';
const password = 'pässwörd-for-the-wsdl';

describe('codegen pull from a WSDL URL', () => {
  let server: Server;
  let base: string;
  let temp: { path: string; remove: () => Promise<void> };
  const seen: Array<string | undefined> = [];
  before(async () => {
    temp = await makeTempDir('codegen-wsdl-url');
    const wsdl = await readFile(join(input, 'mini.wsdl'), 'utf8');
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="atws"' }).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(wsdl);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await temp.remove();
  });

  it('sends the credentials and snapshots the WSDL without them', async () => {
    const result = await pull({
      wsdl: `${base}/atservices/1.6/atws.wsdl?tenant=1`,
      credentials: { username, password },
      metadata: { file: join(input, 'mini-fieldinfo.json') },
      restrictToWsdl: false,
      outDir: join(temp.path, 'ok'),
      report: () => {},
    });
    assert.equal(result.snapshot.sources.wsdl, `${base}/atservices/1.6/atws.wsdl`);
    assert.equal(result.snapshot.apiVersion, '1.6');
    for (const file of ['entities.json', 'wsdl.json']) {
      const text = await readFile(join(result.directory, file), 'utf8');
      assert.equal(text.includes(password), false, file);
      assert.equal(text.includes(username), false, file);
    }
  });

  it('stops on a refused WSDL with an error naming the address and status, not the password', async () => {
    await assert.rejects(
      pull({
        wsdl: `${base}/atservices/1.6/atws.wsdl`,
        credentials: { username, password: 'wrong-password-123' },
        metadata: { file: join(input, 'mini-fieldinfo.json') },
        restrictToWsdl: false,
        outDir: join(temp.path, 'refused'),
        report: () => {},
      }),
      (error: unknown) => {
        assert.ok(error instanceof CodegenError, String(error));
        assert.equal(error.message, `${base}/atservices/1.6/atws.wsdl: HTTP 401 Unauthorized`);
        return true;
      },
    );
    assert.equal(seen.at(-1), `Basic ${Buffer.from(`${username}:wrong-password-123`).toString('base64')}`);
  });
});
