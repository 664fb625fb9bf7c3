/**
 * The rules an answer must satisfy hold over REST as over SOAP: a REST peer on 127.0.0.1 that
 * answers wrongly on purpose (pages overlapping, a page repeated whole, one id twice, create
 * answered with an `itemId` of 0, negative or one already given) gets the same refusal, and no
 * entity is yielded twice or reported created on a doubtful id. Attachments: an answer without
 * items, data that is not base64, another id than asked for are refused by name.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, connect, Query, type Connection } from '../../runtime/index.js';
import { simLogin } from '../integration/client/sim-connect.js';
import { known } from '../support/known-value.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const handlers = new Map<string, Handler>();
let server: http.Server;
let base: string;
before(async () => {
  server = http.createServer((req, res) => {
    const mode = (req.url ?? '/').split('/')[1] ?? '';
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => (handlers.get(mode) ?? ((_q, r) => r.writeHead(404).end()))(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (res: http.ServerResponse, value: unknown): void => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
};
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);
const page = (ids: readonly number[]): unknown => ({
  items: ids.map((id) => ({ id, title: `t${id}` })),
  pageDetails: { count: ids.length, requestCount: 500, prevPageUrl: null, nextPageUrl: null },
});
const failure = <T>(pending: Promise<T>): Promise<unknown> =>
  pending.then(
    () => undefined,
    (e: unknown) => e,
  );

function connectMode(mode: string, handler: Handler): Promise<Connection<'1.6', 'rest'>> {
  handlers.set(mode, handler);
  return connect({ ...simLogin, transport: 'rest', url: `${base}/${mode}/ATServicesRest/`, retries: 0 });
}

describe('REST answers not taken at their word', { timeout: 60_000 }, () => {
  it('a page overlapping the previous one, a page repeated whole, an id twice in a page: refused, nothing yielded twice', async () => {
    const cases: Array<[string, (n: number) => number[], RegExp]> = [
      [
        'rest-overlap',
        (n) => range(n === 1 ? 1 : 251, 500),
        /query Ticket: the server misbehaves: the page holds id 251, which the query's condition id > 500 excludes/,
      ],
      ['rest-repeat', () => range(1, 500), /the page holds id 1, which the query's condition id > 500 excludes/],
      ['rest-twice', () => [4, 4], /the page's ids do not rise: id 4 comes after id 4/],
    ];
    for (const [mode, ids, expected] of cases) {
      let calls = 0;
      const at = await connectMode(mode, (_req, res) => json(res, page(ids(++calls))));
      const seen: number[] = [];
      const error = await failure(
        (async () => {
          for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) seen.push(t.id);
        })(),
      );
      assert.ok(error instanceof ApiError, `${mode}: expected an ApiError, got ${String(error)}`);
      assert.match(error.message, expected, mode);
      assert.equal(new Set(seen).size, seen.length, `${mode}: duplicates yielded`);
      assert.ok(calls <= 2, `${mode}: ${calls} requests`);
      at.close();
    }
  });

  it('create answered with itemId 0, negative, or one given before in the packet: unknown, not succeeded', async () => {
    for (const [mode, itemIds, unknownCount] of [
      ['rest-item-zero', [0, 0], 2],
      ['rest-item-negative', [-3, -4], 2],
      ['rest-item-equal', [9, 9], 1],
    ] as const) {
      let call = 0;
      const at = await connectMode(mode, (req, res) => {
        if (req.method === 'POST' && !/query/i.test(req.url ?? '')) return json(res, { itemId: itemIds[call++] });
        json(res, page([]));
      });
      const due = new Date('2030-01-01T00:00:00Z');
      const tickets = ['a', 'b'].map((title) =>
        at.new('Ticket', { Title: title, AccountID: 0, DueDateTime: due, Priority: known(2), Status: known(1) }),
      );
      const error = await failure(at.create(tickets, { readBack: false }).execute());
      assert.ok(error instanceof ApiError, `${mode}: expected an ApiError, got ${String(error)}`);
      assert.equal(error.unknown.length, unknownCount, `${mode}: ${error.message} ${error.messages.join(' / ')}`);
      assert.ok(
        error.messages.some((m) => /the answer gave/.test(m)),
        mode,
      );
      at.close();
    }
  });
});

describe('REST attachment answers not taken at their word', { timeout: 60_000 }, () => {
  const BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const FIELDS = {
    fields: [{ name: 'parentType', dataType: 'integer', isPickList: true, picklistValues: [{ value: '4', label: 'Ticket', isActive: true }] }],
  };
  const INFO = { id: 5, parentType: 4, parentID: 1, title: 'a.bin', attachmentType: 'FILE_ATTACHMENT' };

  /** A peer answering AttachmentInfo's field info and `info` for AttachmentInfo/5, and `child` for Tickets/1/Attachments/5. */
  function attachmentPeer(mode: string, info: unknown, child: unknown, paths: string[] = []): Promise<Connection<'1.6', 'rest'>> {
    return connectMode(mode, (req, res) => {
      const path = (req.url ?? '').replace(/^.*\/V1\.0\//i, '');
      paths.push(`${req.method ?? ''} ${path}`);
      if (path === 'AttachmentInfo/entityInformation/fields') json(res, FIELDS);
      else if (path === 'AttachmentInfo/5') json(res, info);
      else if (path === 'Tickets/1/Attachments/5') json(res, child);
      else res.writeHead(404).end();
    });
  }

  it('reads the exact bytes through AttachmentInfo/{id} then the parent route', async () => {
    const paths: string[] = [];
    // Production's AttachmentInfo also fills the parent's own id field (ticketID), which no SOAP field names.
    const info = { ...INFO, ticketID: 1, fileSize: 256, attachDate: '2026-01-02T03:04:05.000Z' };
    const at = await attachmentPeer('att-good', { item: info }, { items: [{ ...info, data: BYTES.toString('base64') }] }, paths);
    const got = await at.getAttachment(5);
    assert.deepEqual(Buffer.from(got?.data ?? []), BYTES);
    assert.equal(got?.info?.Title, 'a.bin');
    assert.equal(got?.info?.FileSize, 256);
    assert.deepEqual(got?.info?.AttachDate, new Date('2026-01-02T03:04:05.000Z'));
    assert.deepEqual(paths, ['GET AttachmentInfo/5', 'GET AttachmentInfo/entityInformation/fields', 'GET Tickets/1/Attachments/5']);
    at.close();
  });

  it('an answer without items, with data that is not base64, or of another attachment is an ApiError naming it', async () => {
    const cases: Array<[string, unknown, unknown, RegExp]> = [
      [
        'att-noitems',
        { item: INFO },
        { item: { ...INFO, data: 'AAAA' } },
        /GetAttachment: the answer of Tickets\/1\/Attachments\/5 has no items list/,
      ],
      ['att-notb64', { item: INFO }, { items: [{ ...INFO, data: 'not base64!' }] }, /the data of attachment 5 is not base64/],
      ['att-datanum', { item: INFO }, { items: [{ ...INFO, data: [1, 2] }] }, /the data of attachment 5 is object, not base64 text/],
      ['att-otherid', { item: INFO }, { items: [{ ...INFO, id: 6, data: 'AAAA' }] }, /asked for attachment 5, the answer holds 6/],
      [
        'att-two',
        { item: INFO },
        {
          items: [
            { ...INFO, data: 'AAAA' },
            { ...INFO, data: 'AAAA' },
          ],
        },
        /holds 2 attachments, not one/,
      ],
      ['att-infoid', { item: { ...INFO, id: 7 } }, { items: [] }, /asked for AttachmentInfo 5, the answer holds 7/],
      ['att-noitem', { items: [INFO] }, { items: [] }, /the answer of AttachmentInfo\/5 has no item/],
      ['att-noparent', { item: { ...INFO, parentID: null } }, { items: [] }, /AttachmentInfo 5 names no parent/],
    ];
    for (const [mode, info, child, expected] of cases) {
      const at = await attachmentPeer(mode, info, child);
      const error = await failure(at.getAttachment(5));
      assert.ok(error instanceof ApiError, `${mode}: expected an ApiError, got ${String(error)}`);
      assert.match(error.message, expected, mode);
      at.close();
    }
  });

  it('a delete answered for another id is an ApiError; an AttachmentInfo of null is no attachment', async () => {
    const at = await connectMode('att-delete', (req, res) => {
      const path = (req.url ?? '').replace(/^.*\/V1\.0\//i, '');
      if (path === 'AttachmentInfo/entityInformation/fields') json(res, FIELDS);
      else if (path === 'AttachmentInfo/5') json(res, { item: INFO });
      else if (path === 'AttachmentInfo/8') json(res, { item: null });
      else if (req.method === 'DELETE' && path === 'Tickets/1/Attachments/5') json(res, { itemId: 9 });
      else res.writeHead(404).end();
    });
    const error = await failure(at.deleteAttachment(5));
    assert.ok(error instanceof ApiError, String(error));
    assert.match(error.message, /deleted attachment 5, the answer names 9/);
    assert.equal(await at.getAttachment(8), undefined);
    assert.match(await at.deleteAttachment(8), /Attachment 8 does not exist/);
    at.close();
  });
});
