/**
 * Zone discovery is anonymous, and its answer says where the login goes next. A discovery endpoint
 * on 127.0.0.1 answers zones elsewhere on purpose (another origin over plain HTTP, `javascript:`,
 * `file:`, text, a look-alike of Autotask's domain): the client refuses each before any credential
 * leaves, naming the origin and the opt-in; with the opt-in (`trustedZoneOrigins`) it goes there.
 * Over SOAP (getZoneInfo) and REST (zoneInformation).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, connect } from '../../runtime/index.js';
import { simLogin } from '../integration/client/sim-connect.js';

const NS = 'http://autotask.net/ATWS/v1_6/';
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

let discovery: http.Server;
let other: http.Server;
let discoveryBase: string;
let otherOrigin: string;
/** What the other origin received: each request's path and whether it carried credentials. */
const reached: Array<{ path: string; credentials: boolean }> = [];

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  // The discovery endpoint: the first path segment is the zone URL it answers (URL-encoded).
  discovery = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const zone = decodeURIComponent((req.url ?? '/').split('/')[1] ?? '');
      if (/zoneInformation/i.test(req.url ?? '')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ zoneName: 'Zone', url: zone, webUrl: 'https://ww1.autotask.net/', ci: 1 }));
      }
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(
        envelope(
          `<getZoneInfoResponse xmlns="${NS}"><getZoneInfoResult><URL>${escapeXml(zone)}</URL><ErrorCode>0</ErrorCode><DataBaseType>Zone</DataBaseType><CI>1</CI></getZoneInfoResult></getZoneInfoResponse>`,
        ),
      );
    });
  });
  other = http.createServer((req, res) => {
    reached.push({ path: req.url ?? '', credentials: req.headers.authorization !== undefined || req.headers['secret'] !== undefined });
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(envelope(`<GetWsdlVersionResponse xmlns="${NS}"><GetWsdlVersionResult>1.6.1</GetWsdlVersionResult></GetWsdlVersionResponse>`));
    });
  });
  discoveryBase = await listen(discovery);
  otherOrigin = await listen(other);
});
after(async () => {
  for (const server of [discovery, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const failure = <T>(pending: Promise<T>): Promise<unknown> =>
  pending.then(
    () => undefined,
    (e: unknown) => e,
  );
const soapDiscovery = (zone: string): string => `${discoveryBase}/${encodeURIComponent(zone)}/atservices/1.6/atws.asmx`;
const restDiscovery = (zone: string): string => `${discoveryBase}/${encodeURIComponent(zone)}/ATServicesRest/V1.0/zoneInformation`;

describe('a discovered zone the login may go to', () => {
  it('a zone on another origin over plain HTTP is refused before any request reaches it; trustedZoneOrigins lets it in', async () => {
    const zone = `${otherOrigin}/atservices/1.6/atws.asmx`;
    for (const [transport, discoveryUrl, operation] of [
      ['soap', soapDiscovery(zone), 'getZoneInfo'],
      ['rest', restDiscovery(`${otherOrigin}/ATServicesRest/`), 'zoneInformation'],
    ] as const) {
      const error = await failure(connect({ ...simLogin, transport, discoveryUrl, retries: 0 }));
      assert.ok(error instanceof ApiError, `${transport}: expected an ApiError, got ${String(error)}`);
      assert.equal(
        error.message,
        `${operation}: the zone answered, ${otherOrigin}, is neither an HTTPS host of Autotask's (*.autotask.net) nor the origin of discoveryUrl; ` +
          `if you trust it, pass trustedZoneOrigins: ['${otherOrigin}'] to connect(); the login is not sent there`,
      );
    }
    assert.deepEqual(reached, [], 'a request reached the untrusted zone');
    const at = await connect({ ...simLogin, discoveryUrl: soapDiscovery(zone), trustedZoneOrigins: [otherOrigin], retries: 0 });
    assert.equal(await at.getWsdlVersion(), '1.6.1');
    assert.deepEqual(reached, [{ path: '/atservices/1.6/atws.asmx', credentials: true }]);
    at.close();
  });

  it("zone URLs that are no http(s) URL, or only look like Autotask's, are refused with a clear error (no TypeError)", async () => {
    const cases: Array<[string, RegExp]> = [
      ['javascript:alert(1)', /^getZoneInfo: the zone URL answered is not an http\(s\) URL \(javascript:\); the login is not sent there$/],
      ['file:///etc/passwd', /^getZoneInfo: the zone URL answered is not an http\(s\) URL \(file:\)/],
      ['the zone is down', /^getZoneInfo: the zone URL answered is not a URL: "the zone is down"; the login is not sent there$/],
      [
        'https://webservices5.autotask.net.example.com/atservices/1.6/atws.asmx',
        /the zone answered, https:\/\/webservices5\.autotask\.net\.example\.com, is neither/,
      ],
      [
        'http://webservices5.autotask.net/atservices/1.6/atws.asmx',
        /the zone answered, http:\/\/webservices5\.autotask\.net, is neither an HTTPS host/,
      ],
    ];
    for (const [zone, expected] of cases) {
      const error = await failure(connect({ ...simLogin, discoveryUrl: soapDiscovery(zone), retries: 0 }));
      assert.ok(error instanceof ApiError, `${zone}: expected an ApiError, got ${String(error)}`);
      assert.match(error.message, expected, zone);
    }
    const rest = await failure(connect({ ...simLogin, transport: 'rest', discoveryUrl: restDiscovery('javascript:alert(1)'), retries: 0 }));
    assert.ok(
      rest instanceof ApiError && /^zoneInformation: the zone URL answered is not an http\(s\) URL \(javascript:\)/.test(rest.message),
      String(rest),
    );
  });

  it("Autotask's own HTTPS zones, and the discovery URL's own origin, are taken", async () => {
    const at = await connect({ ...simLogin, discoveryUrl: soapDiscovery('https://webservices14.autotask.net/ATServices/1.6/atws.asmx'), retries: 0 });
    assert.equal(at.zone?.url, 'https://webservices14.autotask.net/ATServices/1.6/atws.asmx');
    at.close();
    const same = await connect({ ...simLogin, discoveryUrl: soapDiscovery(`${discoveryBase}/atservices/1.6/atws.asmx`), retries: 0 });
    assert.equal(same.zone?.url, `${discoveryBase}/atservices/1.6/atws.asmx`);
    same.close();
  });
});
