/**
 * A server answering with elements nested without end, under maxAnswerBytes: a GetFieldInfo answer
 * (read as a tree) and a query answer (streamed through the decoder). Nesting is bounded while
 * parsing (MAX_XML_DEPTH), so each ends in a clear TransportError, fast and in bounded memory,
 * instead of exhausting the heap.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, Query, TransportError, type Connection } from '../../runtime/index.js';
import { simLogin } from '../integration/client/sim-connect.js';

const NS = 'http://autotask.net/ATWS/v1_6/';
const head = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>`;
/** Megabytes of nesting each answer carries (31 MB: under the default maxAnswerBytes of 32 MiB). */
const MEGABYTES = Number(process.env['DEEP_XML_MB'] ?? 31);

let server: http.Server;
let base: string;
const written = new Map<string, number>();

/** Writes `start` then `<a>` elements as fast as the peer reads, up to MEGABYTES. */
function nest(mode: string, res: http.ServerResponse, start: string): void {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.write(start);
  const chunk = '<a>'.repeat(20_000);
  let sent = start.length;
  let closed = false;
  res.on('close', () => {
    closed = true;
    written.set(mode, sent);
  });
  const go = (): void => {
    while (!closed && sent < MEGABYTES * 1_000_000) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', go);
    }
    if (!closed) res.end();
  };
  go();
}

before(async () => {
  server = http.createServer((req, res) => {
    const mode = (req.url ?? '/').split('/')[1] ?? '';
    req.resume();
    req.on('end', () => {
      if (mode === 'fieldinfo') nest(mode, res, `${head}<GetFieldInfoResponse xmlns="${NS}"><GetFieldInfoResult>`);
      else nest(mode, res, `${head}<queryResponse xmlns="${NS}"><queryResult><ReturnCode>1</ReturnCode><EntityResults>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('answers nested without end', { timeout: 60_000 }, () => {
  for (const [mode, what, call] of [
    ['fieldinfo', 'GetFieldInfo', (at: Connection<'1.6'>) => at.getFieldInfo('Ticket')],
    ['query', 'query', (at: Connection<'1.6'>) => at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll()],
  ] as const) {
    it(`a ${what} answer of ${MEGABYTES} MB of nesting is a clear TransportError, in bounded memory`, async () => {
      const at = await connect({ ...simLogin, url: `${base}/${mode}/atservices/1.6/atws.asmx`, retries: 0 });
      const heapBefore = process.memoryUsage().heapUsed;
      const error = await call(at).then(
        () => undefined,
        (e: unknown) => e,
      );
      const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      at.close();
      assert.ok(error instanceof TransportError, `expected a TransportError, got ${String(error)}`);
      assert.match(error.message, new RegExp(`^${what}: HTTP 200 answer is not the SOAP expected \\(.*nested deeper than 256 elements.*\\)`));
      assert.ok(grown < 300, `the heap grew by ${grown.toFixed(0)} MB`);
      if (mode === 'query') {
        // Streamed: the client hung up long before the end.
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.ok((written.get(mode) ?? 0) < 16_000_000, `the server wrote ${written.get(mode)} bytes`);
      }
    });
  }
});
