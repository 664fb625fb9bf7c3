import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metadata } from '../../../generated/v1_6/metadata.js';
import { writeEntityXml } from '../../../runtime/protocol/soap/xml/entity-writer.js';
import { AtwsResponseDecoder, type RawEntity } from '../../../runtime/client/soap/atws-response-decoder.js';
import { soapEnvelope } from '../../../runtime/protocol/soap/xml/soap-envelope.js';
import { decodeFieldValue } from '../../../runtime/protocol/soap/xml/field-codec.js';
import { EntityStore } from '../../../simulator/tenant/store.js';
import { PicklistCatalog } from '../../../simulator/tenant/picklists.js';
import { seedTenant } from '../../../simulator/tenant/seed-data.js';
import { udfsOf } from '../../../simulator/tenant/udf-definitions.js';
import { FULL_TICKET_FIELDS, FULL_TICKET_UDFS } from '../../../simulator/tenant/full-ticket-shape.js';
import type { ApiMetadata, EntityMeta, FieldMeta } from '../../../runtime/protocol/metadata.js';

const schema = metadata as unknown as ApiMetadata;

function decodeAll(entityXml: string): RawEntity[] {
  const entities: RawEntity[] = [];
  const decoder = new AtwsResponseDecoder({ onEntity: (e) => entities.push(e) });
  decoder.write(soapEnvelope(`<r xmlns="${schema.namespace}"><EntityResults>${entityXml}</EntityResults></r>`));
  decoder.close();
  return entities;
}

describe('seeded entities', () => {
  it('every seeded entity of both ticket shapes is written as the simulator answers it and reads back unchanged', () => {
    for (const shape of ['demo', 'full'] as const) {
      const store = new EntityStore();
      seedTenant(store, schema, new PicklistCatalog(), 300, shape);
      let compared = 0;
      for (const entity of store.entityNames()) {
        const meta = schema.entities[entity] as EntityMeta;
        const defs = udfsOf(entity, shape);
        const records = [...store.scan(entity)];
        const written = records.map((record) => {
          const udfs = meta.hasUserDefinedFields ? defs.map((u): [string, string | null] => [u.name, record.udfs?.get(u.name) ?? null]) : undefined;
          return writeEntityXml(meta, { id: record.id, values: record.values, ...(udfs ? { udfs } : {}) });
        });
        const read = decodeAll(written.join(''));
        assert.equal(read.length, records.length, entity);
        records.forEach((record, i) => {
          const raw = read[i] as RawEntity;
          assert.equal(raw.type, entity);
          assert.equal(raw.id, record.id);
          const values = Object.fromEntries(
            [...raw.fields].map(([name, text]) => [name, decodeFieldValue((meta.fields[name] as FieldMeta).type, text)]),
          );
          assert.deepEqual(values, record.values, `${entity} ${record.id}`);
          if (meta.hasUserDefinedFields) {
            assert.deepEqual(
              raw.udfs,
              defs.map((u) => [u.name, record.udfs?.get(u.name) ?? null]),
              `${entity} ${record.id} UDFs`,
            );
          }
          compared++;
        });
      }
      assert.ok(compared > 300, `compared ${compared}`);
    }
  });

  it('seeds full-shaped tickets: 27 fields and 12 UDF values each; demo tenants keep 4 Ticket UDFs', () => {
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
