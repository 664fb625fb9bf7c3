import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metadata } from '../../../generated/v1_6/metadata.js';
import { writeEntityXml } from '../../../runtime/xml/entity-writer.js';
import { parseXml, xsiType, type XmlElement } from '../../../runtime/xml/xml-tree.js';
import { UsageError } from '../../../runtime/errors.js';
import { storedEntityXml } from '../../../runtime/simulator/stored-entity-xml.js';
import { parseRequestXml, requestXsiType } from '../../../runtime/simulator/request-xml.js';
import { EntityStore } from '../../../runtime/simulator/store.js';
import { PicklistCatalog } from '../../../runtime/simulator/picklists.js';
import { seedTenant } from '../../../runtime/simulator/seed-data.js';
import { udfsOf } from '../../../runtime/simulator/udf-definitions.js';
import { FULL_TICKET_FIELDS, FULL_TICKET_UDFS } from '../../../runtime/simulator/full-ticket-shape.js';
import type { ApiMetadata, EntityMeta } from '../../../runtime/metadata.js';

const schema = metadata as unknown as ApiMetadata;

describe('storedEntityXml (the simulator answer writer)', () => {
  it('writes every seeded entity of both ticket shapes exactly as writeEntityXml does', () => {
    for (const shape of ['demo', 'full'] as const) {
      const store = new EntityStore();
      seedTenant(store, schema, new PicklistCatalog(), 300, shape);
      let compared = 0;
      for (const entity of store.entityNames()) {
        const meta = schema.entities[entity] as EntityMeta;
        const defs = udfsOf(entity, shape);
        for (const record of store.scan(entity)) {
          const udfs = meta.hasUserDefinedFields ? defs.map((u): [string, string | null] => [u.name, record.udfs?.get(u.name) ?? null]) : undefined;
          const expected = writeEntityXml(meta, { id: record.id, values: record.values, ...(udfs ? { udfs } : {}) });
          assert.equal(storedEntityXml(meta, record.id, record.values, udfs), expected, `${entity} ${record.id}`);
          compared++;
        }
      }
      assert.ok(compared > 300, `compared ${compared}`);
    }
  });

  it('agrees on edge values, and fails the same way on a value of the wrong kind', () => {
    const meta = metadata.entities.Ticket as unknown as EntityMeta;
    const cases: Array<Record<string, unknown>> = [
      { Title: '', Description: 'a < b & c\r\n', EstimatedHours: -0, HoursToBeScheduled: Number.POSITIVE_INFINITY },
      { Title: '\u0001', AccountID: -0, Status: -7, ServiceLevelAgreementHasBeenMet: false, CreateDate: new Date(Date.UTC(2024, 2, 10, 6, 59, 59, 500)) },
      { EstimatedHours: 1e21, Priority: 2 ** 31 - 1 },
    ];
    for (const values of cases) {
      const v = values as Parameters<typeof storedEntityXml>[2];
      assert.equal(storedEntityXml(meta, 9, v, [['Room', 'x&y'], ['Asset Tag', null]]), writeEntityXml(meta, { id: 9, values: v, udfs: [['Room', 'x&y'], ['Asset Tag', null]] }));
    }
    for (const bad of [{ Priority: 2 ** 31 }, { Title: 5 }, { CreateDate: new Date(Number.NaN) }, { Status: 1.5 }]) {
      const v = bad as unknown as Parameters<typeof storedEntityXml>[2];
      assert.throws(() => storedEntityXml(meta, 9, v, undefined), UsageError);
      assert.throws(() => writeEntityXml(meta, { id: 9, values: v }), UsageError);
    }
  });

  it('seeds full-shaped tickets: 26 fields and 12 UDF values each; demo tenants keep 4 Ticket UDFs', () => {
    const store = new EntityStore();
    seedTenant(store, schema, new PicklistCatalog(), 50, 'full');
    for (const record of store.scan('Ticket')) {
      assert.equal(Object.keys(record.values).length, FULL_TICKET_FIELDS);
      assert.equal(record.udfs?.size, FULL_TICKET_UDFS);
    }
    assert.equal(udfsOf('Ticket', 'full').length, FULL_TICKET_UDFS);
    assert.equal(udfsOf('Ticket').length, 4);
  });
});

describe('parseRequestXml (the simulator request parser)', () => {
  const strip = (el: XmlElement): unknown => ({ ...el, children: el.children.map(strip) });
  const docs = [
    '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><update xmlns="urn:a"><Entities><Entity xsi:type="Ticket"><id>1</id><Title xsi:type="xsd:string">a &amp; b<![CDATA[<c>]]></Title><Status xsi:nil="true"/></Entity></Entities></update></soap:Body></soap:Envelope>',
    '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><e:Body><x><Entity i:type="q:Ticket"/><Entity xmlns:xsi="urn:not-xsi" xsi:type="Ticket"/><Entity/></x></e:Body></e:Envelope>',
    '<a xmlns="urn:a" xmlns:p="urn:p"><p:b xmlns="urn:c"><c xml:lang="en" p:x="1"/></p:b><d xmlns="" type="t"/><p:e xmlns:p="urn:p2"/><f/></a>',
  ];
  it('builds the same tree as parseXml, with the same xsi:type answers', () => {
    for (const doc of docs) {
      const a = parseXml(doc);
      const b = parseRequestXml(doc);
      assert.deepEqual(strip(b), strip(a));
      const walk = (x: XmlElement, y: XmlElement): void => {
        assert.equal(requestXsiType(y), xsiType(x), `${x.name} ${JSON.stringify(x.attributes)}`);
        x.children.forEach((c, i) => walk(c, y.children[i] as XmlElement));
      };
      walk(a, b);
    }
  });

  it('rejects malformed documents as parseXml does', () => {
    for (const bad of ['', '<a>', '<a></b>', 'text', '<a x="1" x="2"/>', '<p:a/>', '<a q:x="1"/>', '<a xmlns:p="urn:p"><p:b/></a><c/>', '<a xmlns:p=""/>']) {
      assert.throws(() => parseXml(bad), { name: 'XmlSyntaxError' });
      assert.throws(() => parseRequestXml(bad), { name: 'XmlSyntaxError' });
    }
  });
});
