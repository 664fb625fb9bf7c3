/**
 * The REST front's routes and logins over HTTP (simulator/README.md, "REST decisions": routes,
 * discovery, authentication, bodies): zone and version discovery, paths matched as production's IIS
 * matches them, 404 and 405 as ASP.NET Web API answers them, the login headers and their refusals.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator } from '../../../../simulator/index.js';
import { errorsOf, loginHeaders, okJson, rest } from './rest-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 30 });
});
after(() => sim.close());

describe('REST discovery', () => {
  it('exposes the REST base URL as zoneInformation answers it', () => {
    assert.equal(sim.restUrl, `${sim.url}/ATServicesRest/`);
  });

  it('answers zoneInformation anonymously with {zoneName, url, webUrl, ci}, url the REST base, in any path case', async () => {
    const user = encodeURIComponent(SIMULATOR_DEFAULTS.username.toUpperCase());
    for (const path of [
      `${sim.url}/atservicesrest/v1.0/zoneInformation?user=${user}`,
      `${sim.url}/ATServicesRest/V1.0/ZoneInformation?USER=${user}`,
    ]) {
      const zone = okJson(await rest(sim, 'GET', path, { headers: null }));
      assert.deepEqual(Object.keys(zone).sort(), ['ci', 'url', 'webUrl', 'zoneName']);
      assert.equal(zone.url, sim.restUrl);
      assert.equal(typeof zone.ci, 'number');
    }
  });

  it('answers an unknown or missing zone user 500 "Zone information could not be determined"', async () => {
    for (const query of ['?user=nobody%40example.com', '', '?user=']) {
      const answer = await rest(sim, 'GET', `V1.0/zoneInformation${query}`, { headers: null });
      assert.deepEqual(errorsOf(answer), ['Zone information could not be determined']);
    }
  });

  it('answers versioninformation anonymously with {"apiVersions": ["V1.0"]}', async () => {
    assert.deepEqual(okJson(await rest(sim, 'GET', `${sim.url}/atservicesrest/versioninformation`, { headers: null })), { apiVersions: ['V1.0'] });
  });

  it('puts the REST base URL beside the SOAP one in the answer of every front it does not serve', async () => {
    const answer = await fetch(`${sim.url}/nowhere`);
    assert.equal(answer.status, 404);
    assert.match(await answer.text(), /\/ATServicesRest\/V1\.0\//);
  });
});

describe('REST paths and methods', () => {
  it('matches paths without regard to case and skips doubled and trailing slashes', async () => {
    for (const path of ['atservicesrest/v1.0/tickets/1', 'ATServicesRest//V1.0/TICKETS//1/', 'AtServicesRest/V1.0/Tickets/1']) {
      const item = okJson(await rest(sim, 'GET', `${sim.url}/${path}`));
      assert.equal(item.item.id, 1, path);
    }
  });

  it("answers a URL no route template matches 404 with ASP.NET Web API's Message, naming what was not found", async () => {
    const unknown = await rest(sim, 'GET', 'V1.0/Tikets/1');
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.Message, /No HTTP resource was found that matches the request URI '.*\/V1\.0\/Tikets\/1'/);
    assert.match(unknown.json.MessageDetail, /controller named 'Tikets'/);
    // Tasks are created through /Projects/{id}/Tasks: POST /V1.0/Tasks is 404 (WYRE-AI/autotask-mcp #47).
    assert.equal((await rest(sim, 'POST', 'V1.0/Tasks', { body: { title: 'x' } })).status, 404);
    // TicketNotes are written through /Tickets/{id}/Notes only; the collection root has no route.
    assert.equal((await rest(sim, 'POST', 'V1.0/TicketNotes', { body: {} })).status, 404);
    assert.equal((await rest(sim, 'GET', 'V1.0/Tickets/1/Nope')).status, 404);
    assert.equal((await rest(sim, 'GET', 'V2.0/Tickets/1')).status, 404);
  });

  it('answers a method a route lacks 405 {"Message": "The requested resource does not support http method ..."} with Allow', async () => {
    const getRoot = await rest(sim, 'GET', 'V1.0/Resources?page=1&pageSize=500');
    assert.equal(getRoot.status, 405);
    assert.deepEqual(getRoot.json, { Message: "The requested resource does not support http method 'GET'." });
    assert.equal(getRoot.headers.get('allow'), 'PATCH, PUT');
    const deleteTicket = await rest(sim, 'DELETE', 'V1.0/Tickets/1');
    assert.equal(deleteTicket.status, 405);
    assert.equal(deleteTicket.json.Message, "The requested resource does not support http method 'DELETE'.");
    assert.equal((await rest(sim, 'PUT', 'V1.0/zoneInformation?user=x', { headers: null })).status, 405);
    // Nothing was counted: a 405 is answered before the caller is looked at.
    assert.equal((await rest(sim, 'PATCH', 'V1.0/Tickets/query', { body: {} })).status, 405);
  });
});

describe('REST invoice markup', () => {
  it('answers Invoices/{id}/InvoiceMarkupHtml and InvoiceMarkupXml with {"invoiceMarkup": ...}, the markup SOAP renders', async () => {
    const html = okJson(await rest(sim, 'GET', 'V1.0/Invoices/3/InvoiceMarkupHtml')) as { invoiceMarkup: string };
    assert.match(html.invoiceMarkup, /^<html>/);
    assert.match(html.invoiceMarkup, new RegExp(String(sim.store.get('Invoice', 3)!.values['InvoiceNumber'])));
    const xml = okJson(await rest(sim, 'GET', 'v1.0/invoices/3/invoicemarkupxml')) as { invoiceMarkup: string };
    assert.match(xml.invoiceMarkup, /<line_items>/);
    assert.deepEqual(errorsOf(await rest(sim, 'GET', 'V1.0/Invoices/99/InvoiceMarkupHtml')), ['Invoice 99 does not exist.']);
    assert.equal((await rest(sim, 'POST', 'V1.0/Invoices/3/InvoiceMarkupHtml', { body: '{}' })).status, 405);
  });
});

describe('REST login', () => {
  it('takes UserName, Secret and ApiIntegrationCode in any case', async () => {
    const headers = {
      apiintegrationcode: SIMULATOR_DEFAULTS.integrationCode,
      USERNAME: SIMULATOR_DEFAULTS.username.toUpperCase(),
      secret: SIMULATOR_DEFAULTS.password,
    };
    assert.equal(okJson(await rest(sim, 'GET', 'V1.0/Companies/0', { headers })).item.id, 0);
  });

  it('answers a wrong or missing secret 401 with errors, never quoting a secret', async () => {
    for (const headers of [loginHeaders({ Secret: 'wrong' }), loginHeaders({ Secret: null }), {}]) {
      const answer = await rest(sim, 'GET', 'V1.0/Companies/0', { headers });
      assert.equal(errorsOf(answer, 401).length, 1);
      assert.doesNotMatch(answer.text, new RegExp(`${SIMULATOR_DEFAULTS.password}|${SIMULATOR_DEFAULTS.integrationCode}`));
    }
  });

  it('answers an unknown user 500 "Zone information could not be determined" and a bad or missing integration code 500 "IntegrationCode is invalid."', async () => {
    assert.deepEqual(errorsOf(await rest(sim, 'GET', 'V1.0/Companies/0', { headers: loginHeaders({ UserName: 'nobody@example.com' }) })), [
      'Zone information could not be determined',
    ]);
    for (const code of ['NOT-THE-CODE', null]) {
      const answer = await rest(sim, 'GET', 'V1.0/Companies/0', { headers: loginHeaders({ ApiIntegrationCode: code }) });
      assert.deepEqual(errorsOf(answer), ['IntegrationCode is invalid.']);
      assert.doesNotMatch(answer.text, /NOT-THE-CODE/);
    }
  });

  it('acts as the ImpersonationResourceId resource, and refuses one that is not an active resource', async () => {
    const resource = 29682886;
    const created = okJson(
      await rest(sim, 'POST', 'V1.0/Tickets', {
        headers: loginHeaders({ ImpersonationResourceId: String(resource) }),
        body: { companyID: 0, title: 'Impersonated', priority: 2, status: 1 },
      }),
    );
    assert.equal(sim.store.get('Ticket', created.itemId)?.values['CreatorResourceID'], resource);
    const refused = await rest(sim, 'POST', 'V1.0/Tickets', {
      headers: loginHeaders({ ImpersonationResourceId: '12345' }),
      body: { companyID: 0, title: 'Nobody', priority: 2, status: 1 },
    });
    assert.match(errorsOf(refused)[0]!, /does not have the adequate permissions to impersonate resource 12345/);
  });
});

describe('REST bodies', () => {
  /** POSTs with a declared length but sends only the first megabyte: a server that waited for the whole body would never answer. */
  function partialPost(path: string, headers: Record<string, string>, declared: number): Promise<number> {
    const { port } = new URL(sim.url);
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(declared) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error)));
      req.write('{"filter": "' + 'x'.repeat(1024 * 1024));
    });
  }

  it('answers a caller whose headers do not log in 401 before reading more than 64 KiB, and a body over 10 MB 413', { timeout: 30_000 }, async () => {
    assert.equal(await partialPost('/ATServicesRest/V1.0/Tickets/query', loginHeaders({ Secret: 'wrong' }), 9 * 1024 * 1024), 401);
    assert.equal(await partialPost('/ATServicesRest/V1.0/Tickets/query', {}, 9 * 1024 * 1024), 401);
    assert.equal(await partialPost('/ATServicesRest/V1.0/Tickets/query', loginHeaders(), 11 * 1024 * 1024), 413);
    // Zone discovery needs no login and no body.
    assert.equal(
      (await rest(sim, 'GET', `V1.0/zoneInformation?user=${encodeURIComponent(SIMULATOR_DEFAULTS.username)}`, { headers: null })).status,
      200,
    );
  });
});
