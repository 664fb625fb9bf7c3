/**
 * The tenant service without a wire: typed query values and typed writes as a REST front will
 * hand them in, text read through the date interpretation a front supplies, writes with an outcome
 * per record in a call-wide transaction (SOAP) or one per record (REST), and callers
 * authenticated from neutral inputs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metadata } from '../../../generated/v1_6/metadata.js';
import type { ApiMetadata, FieldValue, QueryTree, QueryValue } from '../../../runtime/protocol/index.js';
import { Tenant, type TenantSettings } from '../../../simulator/tenant/tenant.js';
import type { WireReading } from '../../../simulator/tenant/wire-reading.js';
import type { IncomingEntity } from '../../../simulator/tenant/incoming-entity.js';
import type { Caller } from '../../../simulator/tenant/authentication.js';
import { API_USER_RESOURCE_ID, SEED_START } from '../../../simulator/tenant/seed-data.js';
import { SOAP_READING } from '../../../simulator/soap/soap-reading.js';

const schema = metadata as unknown as ApiMetadata;
const settings: TenantSettings = {
  username: 'api-user@tenant.example',
  password: 'tenant-password',
  integrationCode: 'TENANT-CODE',
  tickets: 10,
  ticketShape: 'demo',
  db: undefined,
  threshold: 100,
  threadLimit: 3,
  usageLatencyMs: 0,
};

/** ISO 8601 in UTC, as a REST front reads date-time text (a text without a zone is UTC). */
const UTC_READING: WireReading = {
  dates: {
    parse(text) {
      const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
      if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO 8601 date-time: ${text}`);
      return date;
    },
    invalidTime: () => undefined,
    day: (instant) => instant.toISOString().slice(0, 10),
  },
  fieldValue(type, text) {
    if (type === 'datetime') return UTC_READING.dates.parse(text);
    if (type === 'boolean') return text === 'true';
    const n = Number(text);
    if (!Number.isFinite(n)) throw new RangeError(`not a number: ${text}`);
    return type === 'decimal' ? text : n;
  },
};

type Condition = readonly [name: string, op: 'GreaterThan' | 'LessThanOrEquals' | 'Equals' | 'IsThisDay', value: QueryValue];
const tree = (...conditions: Condition[]): QueryTree => ({
  entity: 'Ticket',
  root: {
    kind: 'condition',
    operator: 'AND',
    items: conditions.map(([name, op, value]) => ({ kind: 'field', name, udf: false, expressions: [{ op, value }] })),
  },
});

function ids(tenant: Tenant, query: QueryTree, reading: WireReading): number[] {
  const outcome = tenant.query(schema, query, reading);
  assert.ok(!('refused' in outcome), 'refused' in outcome ? outcome.refused : '');
  return outcome.records.map((r) => r.id);
}

const caller: Caller = { trackingId: 'code:TENANT-CODE', actingResourceId: API_USER_RESOURCE_ID };

function ticket(values: Record<string, FieldValue | null>): IncomingEntity {
  return { type: 'Ticket', id: undefined, fields: new Map(Object.entries(values)), udfs: new Map() };
}

const valid = (title: string): IncomingEntity =>
  ticket({ AccountID: 0, Title: title, Status: 1, Priority: 2, DueDateTime: new Date('2025-01-15T12:00:00Z') });

describe('tenant service', () => {
  it('compares typed query values as they are and reads text with the date interpretation the front supplies', () => {
    const tenant = new Tenant(settings, schema);
    try {
      assert.deepEqual(ids(tenant, tree(['id', 'GreaterThan', 3], ['id', 'LessThanOrEquals', '6']), UTC_READING), [4, 5, 6]);
      const first = new Date(SEED_START); // ticket 1 was created at 2024-01-02T14:00:00Z
      assert.deepEqual(ids(tenant, tree(['CreateDate', 'Equals', first]), UTC_READING), [1]);
      // The same text names another instant on each wire: UTC for REST, US Eastern wall clock for SOAP.
      assert.deepEqual(ids(tenant, tree(['CreateDate', 'Equals', '2024-01-02 14:00:00']), UTC_READING), [1]);
      assert.deepEqual(ids(tenant, tree(['CreateDate', 'Equals', '2024-01-02 14:00:00']), SOAP_READING), []);
      assert.deepEqual(ids(tenant, tree(['CreateDate', 'Equals', '2024-01-02 09:00:00']), SOAP_READING), [1]);
      assert.deepEqual(ids(tenant, tree(['CreateDate', 'IsThisDay', first], ['id', 'LessThanOrEquals', 1]), UTC_READING), [1]);
      const wrongType = tenant.query(schema, tree(['id', 'Equals', first]), UTC_READING);
      assert.ok('refused' in wrongType);
      assert.match(wrongType.refused, /Invalid value "2024-01-02T14:00:00.000Z" for numeric field id/);
    } finally {
      tenant.close();
    }
  });

  it('writes each record in a transaction of its own, or the call all or nothing', () => {
    const tenant = new Tenant(settings, schema);
    try {
      const entities = [valid('first'), ticket({ AccountID: 0, Status: 1, Priority: 2 }), valid('third')];
      const together = tenant.write({ verb: 'create', schema, caller, entities, reading: UTC_READING, transaction: 'all-or-nothing' });
      assert.deepEqual(
        together.records.map((r) => r.status),
        ['rolled-back', 'refused', 'rolled-back'],
      );
      assert.equal(tenant.store.count('Ticket'), 10);
      const each = tenant.write({ verb: 'create', schema, caller, entities, reading: UTC_READING, transaction: 'each-record' });
      assert.deepEqual(
        each.records.map((r) => r.status),
        ['saved', 'refused', 'saved'],
      );
      assert.equal(each.entityType, 'Ticket');
      const refused = each.records[1];
      assert.deepEqual(refused?.status === 'refused' && [refused.reason, refused.kind], [
        'Value does not exist for the required field Title.',
        'required-field',
      ]);
      assert.equal(tenant.store.count('Ticket'), 12);
      const saved = each.records[2];
      assert.ok(saved?.status === 'saved');
      const stored = tenant.store.get('Ticket', saved.answer.id);
      assert.equal(stored?.values['Title'], 'third');
      // A typed instant is stored as the instant; computed fields are the server's.
      assert.equal((stored?.values['DueDateTime'] as Date).toISOString(), '2025-01-15T12:00:00.000Z');
      assert.equal(stored?.values['CreatorResourceID'], API_USER_RESOURCE_ID);
      assert.match(String(stored?.values['TicketNumber']), /^T\d{8}\.\d{4}$/);
    } finally {
      tenant.close();
    }
  });

  it("checks typed values against the field type, and reads text of other fields with the front's reading", () => {
    const tenant = new Tenant(settings, schema);
    try {
      const write = (values: Record<string, FieldValue | null>) =>
        tenant.write({ verb: 'create', schema, caller, entities: [ticket(values)], reading: UTC_READING, transaction: 'each-record' }).records[0];
      const base = { AccountID: 0, Title: 'typed', Status: 1, Priority: 2 };
      const wrong = write({ ...base, DueDateTime: 5 });
      assert.equal(wrong?.status === 'refused' && wrong.reason, 'Invalid value "5" for the datetime field DueDateTime of the Ticket entity.');
      const fraction = write({ ...base, Priority: 2.5, DueDateTime: new Date() });
      assert.equal(fraction?.status === 'refused' && fraction.reason, 'Invalid value "2.5" for the integer field Priority of the Ticket entity.');
      const text = write({ ...base, Priority: '2', DueDateTime: '2025-02-01T08:00:00' });
      assert.ok(text?.status === 'saved');
      assert.equal((tenant.store.get('Ticket', text.answer.id)?.values['DueDateTime'] as Date).toISOString(), '2025-02-01T08:00:00.000Z');
    } finally {
      tenant.close();
    }
  });

  it('authenticates a caller from neutral inputs: credentials, integration code, impersonation, in that order', () => {
    const tenant = new Tenant(settings, schema);
    try {
      const credentials = { username: 'API-USER@tenant.example', password: 'tenant-password' };
      const identity = { credentials, integrationCode: 'TENANT-CODE', integrationCodeRequired: true, impersonateAs: undefined };
      assert.deepEqual(tenant.authenticate(identity), { trackingId: 'code:TENANT-CODE', actingResourceId: API_USER_RESOURCE_ID });
      assert.deepEqual(tenant.authenticate({ ...identity, credentials: { ...credentials, password: 'x' }, integrationCode: 'x' }), {
        refused: 'credentials',
      });
      assert.deepEqual(tenant.authenticate({ ...identity, integrationCode: undefined }), { refused: 'integration-code-missing' });
      assert.deepEqual(tenant.authenticate({ ...identity, integrationCode: 'OTHER' }), { refused: 'integration-code-unknown' });
      assert.deepEqual(tenant.authenticate({ ...identity, integrationCode: undefined, integrationCodeRequired: false }), {
        trackingId: 'user:api-user@tenant.example',
        actingResourceId: API_USER_RESOURCE_ID,
      });
      const other = API_USER_RESOURCE_ID + 1;
      assert.deepEqual(tenant.authenticate({ ...identity, impersonateAs: String(other) }), {
        trackingId: 'code:TENANT-CODE',
        actingResourceId: other,
      });
      // The eighth seeded resource is inactive.
      assert.deepEqual(tenant.authenticate({ ...identity, impersonateAs: String(API_USER_RESOURCE_ID + 7) }), {
        refused: 'impersonation',
        resource: String(API_USER_RESOURCE_ID + 7),
      });
    } finally {
      tenant.close();
    }
  });
});
