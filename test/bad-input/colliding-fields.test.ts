/**
 * An answer whose fields are named like the entity's own members (`constructor`, `update`,
 * `getUdf`, `toJSON`, `entityName`, `__proto__`) from a hostile or later-revision server, as a real
 * HTTP peer: the entity's methods must stay intact, the values stay reachable through `get()` and
 * `toJSON()`, and an update sends them back as they came.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, Query, type Connection } from '../../runtime/index.js';
import { simLogin } from '../integration/client/sim-connect.js';
import { untyped } from '../support/untyped-entity.js';

const NS = 'http://autotask.net/ATWS/v1_6/';
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const COLLIDING = ['constructor', 'update', 'getUdf', 'toJSON', 'entityName', '__proto__', 'get', 'hasOwnProperty'];
const ticket =
  '<Entity xsi:type="Ticket"><id>7</id><Title xsi:type="xsd:string">hostile</Title>' +
  COLLIDING.map((name) => `<${name} xsi:type="xsd:string">${name} value</${name}>`).join('') +
  '</Entity>';
const result = (operation: string, entities: string): string =>
  envelope(
    `<${operation}Response xmlns="${NS}"><${operation}Result><ReturnCode>1</ReturnCode><EntityResults>${entities}</EntityResults>` +
      `<EntityResultType>ticket</EntityResultType><Errors/><EntityReturnInfoResults/></${operation}Result></${operation}Response>`,
  );

let server: http.Server;
let at: Connection<'1.6'>;
const updates: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const operation = /<(query|update)\b/.exec(body)?.[1] ?? 'query';
      if (operation === 'update') updates.push(body);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(result(operation, ticket));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/atservices/1.6/atws.asmx`;
  at = await connect({ ...simLogin, url, retries: 0 });
});
after(async () => {
  at.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('fields named like entity members keep the methods intact and stay reachable through get()', async () => {
  const [read] = await at.query(new Query('Ticket').where('id', 'Equals', 7)).fetchAll();
  assert.ok(read);
  assert.equal(read.entityName, 'Ticket');
  assert.equal(typeof read.update, 'function');
  assert.equal(typeof read.getUdf, 'function');
  assert.equal(typeof read.toJSON, 'function');
  assert.equal(read.constructor.name, 'Ticket');
  assert.equal(Object.getPrototypeOf(read), (read.constructor as { prototype: object }).prototype);
  for (const name of COLLIDING) {
    assert.equal(untyped(read).get(name), `${name} value`, name);
    assert.ok(!Object.hasOwn(read, name), `${name} is not an own property that could shadow a member`);
  }
  const json = read.toJSON();
  for (const name of COLLIDING) assert.equal(Object.getOwnPropertyDescriptor(json, name)?.value, `${name} value`, name);
  assert.equal(read.Title, 'hostile');

  await at.update(read, { readBack: false }).execute();
  assert.equal(updates.length, 1);
  for (const name of COLLIDING) assert.match(updates[0] ?? '', new RegExp(`<${name}[^>]*>${name} value</${name}>`), `${name} sent back`);
});
