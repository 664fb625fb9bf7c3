import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator } from '../../../simulator/index.js';
import { childText, parseXml } from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { basicAuth, call, envelope, faultOf, integrationHeader, NS, post, query, qx, f, resultOf, ids } from './soap-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 50 });
});
after(() => sim.close());

describe('simulator HTTP surface', () => {
  it("binds 127.0.0.1 by default and serves each version's WSDL with its own asmx address", async () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    for (const version of ['1.5', '1.6'] as const) {
      const response = await fetch(sim.wsdlUrl(version));
      assert.equal(response.status, 200);
      const wsdl = await response.text();
      const root = parseXml(wsdl);
      assert.equal(root.name, 'definitions');
      assert.equal(root.attributes['targetNamespace'], NS[version]);
      assert.match(wsdl, new RegExp(`location="${sim.url}/atservices/${version}/atws\\.asmx"`));
    }
  });

  it('matches paths without regard to case, takes the address from Host, and serves asmx?WSDL', async () => {
    const port = new URL(sim.url).port;
    const wsdl = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/ATServices/1.6/ATWS.WSDL', headers: { Host: `localhost:${port}` } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    assert.match(wsdl, new RegExp(`location="http://localhost:${port}/atservices/1\\.6/atws\\.asmx"`));
    const viaAsmx = await fetch(`${sim.asmxUrl('1.5')}?WSDL`);
    assert.equal(viaAsmx.status, 200);
    assert.match(await viaAsmx.text(), /http:\/\/autotask\.net\/ATWS\/v1_5\//);
    assert.equal((await fetch(`${sim.url}/atservices/1.7/atws.asmx`)).status, 404);
    assert.equal((await fetch(`${sim.url}/`)).status, 404);
  });

  it('answers getZoneInfo anonymously: the asmx URL for a known user, no URL and an ErrorCode otherwise', async () => {
    for (const version of ['1.5', '1.6'] as const) {
      const known = resultOf(
        await call(sim, 'getZoneInfo', `<UserName>${SIMULATOR_DEFAULTS.username.toUpperCase()}</UserName>`, { version, auth: null, header: '' }),
        'getZoneInfoResult',
      );
      assert.equal(childText(known, 'URL'), sim.asmxUrl(version));
      assert.equal(childText(known, 'ErrorCode'), '0');
      const unknown = resultOf(
        await call(sim, 'getZoneInfo', '<UserName>nobody@example.com</UserName>', { version, auth: null, header: '' }),
        'getZoneInfoResult',
      );
      assert.equal(childText(unknown, 'URL'), undefined);
      // getZoneInfo page: "If the value of ErrorCode is negative, then there has been an error".
      assert.ok(Number(childText(unknown, 'ErrorCode')) < 0, childText(unknown, 'ErrorCode'));
    }
  });

  it('answers wrong or missing credentials with HTTP 401 and a body that is not SOAP', async () => {
    for (const auth of [
      null,
      basicAuth(SIMULATOR_DEFAULTS.username, 'wrong'),
      basicAuth('other@sim.example', SIMULATOR_DEFAULTS.password),
      'Bearer x',
    ]) {
      const answer = await call(sim, 'GetWsdlVersion', '', { auth });
      assert.equal(answer.status, 401);
      assert.doesNotMatch(answer.text, /Envelope/);
      assert.doesNotMatch(answer.text, new RegExp(SIMULATOR_DEFAULTS.password));
    }
  });

  it('needs the integration code on 1.6 (missing or wrong is a fault), and takes 1.5 without one', async () => {
    const missing = await call(sim, 'GetWsdlVersion', '', { header: '' });
    assert.equal(missing.status, 500);
    assert.match(faultOf(missing), /IntegrationCode/);
    const wrong = await call(sim, 'GetWsdlVersion', '', { header: integrationHeader('NOT-THE-CODE') });
    assert.match(faultOf(wrong), /IntegrationCode is invalid/);
    assert.doesNotMatch(wrong.text, /NOT-THE-CODE|SIMULATOR-INTEGRATION-CODE/);
    const v15 = await call(sim, 'GetWsdlVersion', '', { version: '1.5', header: '' });
    assert.match(resultOf(v15, 'GetWsdlVersionResult').text, /^1\.5\./);
    const v15wrong = await call(sim, 'GetWsdlVersion', '', { version: '1.5', header: integrationHeader('NOT-THE-CODE', '1.5') });
    assert.match(faultOf(v15wrong), /IntegrationCode is invalid/);
    const ok = resultOf(await call(sim, 'GetWsdlVersion', ''), 'GetWsdlVersionResult');
    assert.match(ok.text, /^1\.6/);
  });

  it('accepts requests written with prefixes, default namespaces and xsi:type on values', async () => {
    const prefixed =
      '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" ' +
      `xmlns:ns1="${NS['1.6']}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema">` +
      '<SOAP-ENV:Header><ns1:AutotaskIntegrations><ns1:IntegrationCode>SIMULATOR-INTEGRATION-CODE</ns1:IntegrationCode></ns1:AutotaskIntegrations></SOAP-ENV:Header>' +
      '<SOAP-ENV:Body><ns1:query><ns1:sXML xsi:type="xs:string">' +
      '&lt;queryxml&gt;&lt;entity&gt;Ticket&lt;/entity&gt;&lt;query&gt;&lt;field&gt;id&lt;expression op="lessthan"&gt;4&lt;/expression&gt;&lt;/field&gt;&lt;/query&gt;&lt;/queryxml&gt;' +
      '</ns1:sXML></ns1:query></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    const answer = await post(sim, prefixed);
    assert.equal(answer.status, 200);
    assert.match(answer.text, /<id>3<\/id>/);
    // CDATA works as well as escaped text.
    const cdata = await post(
      sim,
      envelope(`<query xmlns="${NS['1.6']}"><sXML><![CDATA[${qx('Ticket', f('id', 'Equals', '7'))}]]></sXML></query>`, integrationHeader()),
    );
    assert.match(cdata.text, /<id>7<\/id>/);
  });

  it('answers malformed XML, a non-SOAP document and an unknown operation with SOAP Faults, and keeps serving', async () => {
    const malformed = await post(sim, '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><query>');
    assert.equal(malformed.status, 500);
    assert.match(faultOf(malformed), /unable to read request/i);
    // SOAP 1.1 forbids a DTD in a message; the way entity-expansion attacks come is closed.
    const bomb = await post(
      sim,
      `<!DOCTYPE e [<!ENTITY a "${'x'.repeat(1000)}">]>${envelope('<query><sXML>&a;</sXML></query>', integrationHeader())}`,
    );
    assert.equal(bomb.status, 500);
    assert.match(faultOf(bomb), /unable to read request.*DOCTYPE/i);
    // A fault that would quote the request never carries the tenant's secrets back.
    const quoting = await call(
      sim,
      'GetFieldInfo',
      `<psObjectType>${SIMULATOR_DEFAULTS.integrationCode} ${SIMULATOR_DEFAULTS.password}</psObjectType>`,
    );
    assert.match(faultOf(quoting), /Invalid entity type "\[REDACTED\] \[REDACTED\]"/);
    const notSoap = await post(sim, '<hello/>');
    assert.match(faultOf(notSoap), /not a SOAP 1\.1 Envelope/);
    const unknown = await call(sim, 'frobnicate', '');
    assert.match(faultOf(unknown), /did not recognize the operation <frobnicate>/);
    const wrongNs = await post(sim, envelope(`<query xmlns="${NS['1.5']}"><sXML/></query>`, integrationHeader()));
    assert.match(faultOf(wrongNs), /expects "http:\/\/autotask\.net\/ATWS\/v1_6\/"/);
    assert.deepEqual(ids(await query(sim, qx('Ticket', f('id', 'Equals', '1')))), [1]);
  });

  it('refuses bodies over 10 MB with 413', async () => {
    const big = envelope(`<query xmlns="${NS['1.6']}"><sXML>${'x'.repeat(10 * 1024 * 1024 + 10)}</sXML></query>`, integrationHeader());
    const answer = await post(sim, big);
    assert.equal(answer.status, 413);
    assert.deepEqual(ids(await query(sim, qx('Ticket', f('id', 'Equals', '2')))), [2]);
  });

  it('refuses a GET of the asmx with 405', async () => {
    assert.equal((await fetch(sim.asmxUrl())).status, 405);
  });
});
