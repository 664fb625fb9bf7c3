// `atws codegen pull --url` takes the zone's endpoint or its WSDL, as a user copies either, and the
// version its path names must be the version its WSDL declares.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CodegenError } from '../../../codegen/codegen-error.js';
import { endpointUrls } from '../../../codegen/endpoint-url.js';
import { pull } from '../../../codegen/pull.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

const zone = 'https://webservices5.autotask.net/ATServices/1.6';
const input = join(projectRoot, 'test', 'golden', 'codegen', 'input');

describe('codegen pull --url', () => {
  it('derives the WSDL from the endpoint and the endpoint from the WSDL', () => {
    assert.deepEqual(endpointUrls(`${zone}/atws.asmx`), { asmx: `${zone}/atws.asmx`, wsdl: `${zone}/atws.wsdl`, pathVersion: '1.6' });
    assert.deepEqual(endpointUrls(`${zone}/atws.wsdl`), { asmx: `${zone}/atws.asmx`, wsdl: `${zone}/atws.wsdl`, pathVersion: '1.6' });
    // ASP.NET's own WSDL address.
    assert.deepEqual(endpointUrls(`${zone}/atws.asmx?WSDL`), { asmx: `${zone}/atws.asmx`, wsdl: `${zone}/atws.asmx?WSDL`, pathVersion: '1.6' });
    assert.deepEqual(endpointUrls('http://127.0.0.1:9/atservices/1.5/ATWS.WSDL'), {
      asmx: 'http://127.0.0.1:9/atservices/1.5/ATWS.asmx',
      wsdl: 'http://127.0.0.1:9/atservices/1.5/ATWS.WSDL',
      pathVersion: '1.5',
    });
    assert.deepEqual(endpointUrls('http://proxy.example/autotask.asmx'), {
      asmx: 'http://proxy.example/autotask.asmx',
      wsdl: 'http://proxy.example/autotask.wsdl',
    });
  });

  it('refuses what is neither, naming it and the expected form', () => {
    for (const url of ['webservices5.autotask.net/ATServices/1.6/atws.asmx', `${zone}/`, `${zone}/atws.svc`]) {
      assert.throws(
        () => endpointUrls(url),
        (error: unknown) => error instanceof CodegenError && error.message.includes(url) && error.message.includes("zone's atws.asmx or atws.wsdl"),
      );
    }
  });

  it('stops before writing when the WSDL declares another version than the endpoint path', async () => {
    const temp = await makeTempDir('expect-version');
    try {
      await assert.rejects(
        pull({
          wsdl: join(input, 'mini.wsdl'),
          metadata: { file: join(input, 'mini-fieldinfo.json') },
          restrictToWsdl: false,
          outDir: temp.path,
          expectVersion: { version: '1.5', source: `${zone.replace('1.6', '1.5')}/atws.asmx` },
          report: () => undefined,
        }),
        /mini\.wsdl: declares API 1\.6 \(http:\/\/autotask\.net\/ATWS\/v1_6\/\), but https:\/\/webservices5\.autotask\.net\/ATServices\/1\.5\/atws\.asmx is API 1\.5/,
      );
      assert.deepEqual(await readdir(temp.path), []);
    } finally {
      await temp.remove();
    }
  });
});
