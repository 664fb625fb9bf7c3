import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator, type StoredEntity } from '../../../simulator/index.js';
import { formatEasternQuery, parseEastern } from '../../../runtime/protocol/time/eastern.js';
import { call, entity, f, fieldText, ids, mutate, query, qx, resultOf, udfValue, xmlEscape } from './soap-helpers.js';
import { childElement, childElements, childText } from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { metadata } from '../../../generated/v1_6/metadata.js';
import type { XmlElement } from '../../../runtime/protocol/soap/xml/xml-tree.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 1400 });
});
after(() => sim.close());

/** The expected answer, computed straight from the store: first 500 matches in id order. */
function expected(entity: string, test: (r: StoredEntity) => boolean): number[] {
  return [...sim.store.scan(entity)]
    .filter(test)
    .slice(0, 500)
    .map((r) => r.id);
}

describe('simulator query engine', () => {
  it('pages 500 at a time in ascending id order with id > last', async () => {
    const seen: number[] = [];
    let last = -1;
    for (;;) {
      const page = await query(sim, qx('Ticket', f('id', 'GreaterThan', String(last))));
      assert.equal(page.returnCode, 1);
      assert.equal(page.entityResultType, 'ticket');
      const pageIds = ids(page);
      assert.ok(pageIds.length <= 500);
      seen.push(...pageIds);
      if (pageIds.length < 500) break;
      last = pageIds[pageIds.length - 1] as number;
    }
    assert.equal(seen.length, 1400);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
  });

  it('answers an EntityReturnInfo per entity returned: its id, DatabaseAction None, no duplicate (as real answers do)', async () => {
    const answer = await call(sim, 'query', `<sXML>${xmlEscape(qx('Ticket', f('id', 'LessThan', '4')))}</sXML>`);
    const result = resultOf(answer, 'queryResult');
    const infos = childElements(childElement(result, 'EntityReturnInfoResults')!, 'EntityReturnInfo');
    assert.deepEqual(
      infos.map((i) => [
        childText(i, 'EntityId'),
        childText(i, 'DatabaseAction'),
        childText(childElement(i, 'DuplicateStatus')!, 'Found'),
        childText(childElement(i, 'DuplicateStatus')!, 'Ignored'),
      ]),
      [
        ['1', 'None', 'false', 'false'],
        ['2', 'None', 'false', 'false'],
        ['3', 'None', 'false', 'false'],
      ],
    );
    assert.ok(infos.every((i) => childElement(i, 'Message') === undefined));
    const none = await query(sim, qx('Ticket', f('id', 'LessThan', '0')));
    assert.deepEqual([none.entities.length, none.returnInfos.length], [0, 0]);
  });

  it('writes each entity in the wire shape: xsi:type on entity and fields, UDF block, Eastern date-times', async () => {
    const [ticket] = (await query(sim, qx('Ticket', f('id', 'Equals', '1')))).entities;
    assert.ok(ticket);
    assert.equal(ticket.attributes['xsi:type'], 'Ticket');
    assert.equal(ticket.children[0]?.name, 'id');
    assert.equal(ticket.children[1]?.name, 'UserDefinedFields');
    const title = ticket.children.find((c) => c.name === 'Title');
    assert.equal(title?.attributes['xsi:type'], 'xsd:string');
    const created = ticket.children.find((c) => c.name === 'CreateDate');
    assert.equal(created?.attributes['xsi:type'], 'xsd:dateTime');
    const stored = sim.store.get('Ticket', 1)?.values['CreateDate'] as Date;
    // 2024-01-02T14:00Z is 09:00 in New York (EST).
    assert.equal(created?.text, '2024-01-02T09:00:00');
    assert.equal(parseEastern(created?.text ?? '').getTime(), stored.getTime());
    assert.equal(ticket.children.find((c) => c.name === 'Status')?.attributes['xsi:type'], 'xsd:int');
    // API return values page: null fields of nullable types are left out; string fields are not
    // nullable and always come, an unset one as an empty element.
    const stored1 = sim.store.get('Ticket', 1)!;
    const written = ticket.children.slice(2).map((c) => c.name);
    const fields = metadata.entities.Ticket.fields as Record<string, { type: string }>;
    const strings = Object.keys(fields).filter((n) => n !== 'id' && fields[n]?.type === 'string');
    assert.deepEqual([...written].sort(), [...new Set([...Object.keys(stored1.values), ...strings])].sort());
    const unset = strings.filter((n) => !(n in stored1.values));
    assert.ok(unset.length > 0);
    for (const name of unset) {
      const el: XmlElement | undefined = ticket.children.find((c) => c.name === name);
      assert.equal(el?.text, '', name);
      assert.equal(el?.attributes['xsi:type'], 'xsd:string');
    }
    assert.ok(!('AssignedResourceID' in stored1.values) || written.includes('AssignedResourceID'));
    assert.ok(written.length < Object.keys(metadataFields()).length - 1);
  });

  it("compares picklist numbers, and runs python-atws's guide's nested query (id > N AND (Status = Complete OR IssueType = Non Work Issues))", async () => {
    const result = await query(
      sim,
      qx(
        'Ticket',
        f('id', 'GreaterThan', '567') +
          `<condition operator="AND">${'<condition operator="OR">' + f('Status', 'Equals', '5') + '</condition>'}<condition operator="OR">${f('IssueType', 'Equals', '6')}</condition></condition>`,
      ),
    );
    const want = expected('Ticket', (r) => r.id > 567 && (r.values['Status'] === 5 || r.values['IssueType'] === 6));
    assert.ok(want.length > 100);
    assert.deepEqual(ids(result), want);
    assert.ok(result.entities.some((e) => fieldText(e, 'IssueType') === '6'));
  });

  it('combines sibling items left to right, each with its own operator', async () => {
    // ((Status = 5 OR Priority = 1) AND id < 100)
    const result = await query(
      sim,
      qx('Ticket', f('Status', 'Equals', '5') + `<condition operator="OR">${f('Priority', 'Equals', '1')}</condition>` + f('id', 'LessThan', '100')),
    );
    assert.deepEqual(
      ids(result),
      expected('Ticket', (r) => (r.values['Status'] === 5 || r.values['Priority'] === 1) && r.id < 100),
    );
    // A field with several expressions ANDs them.
    const range = await query(
      sim,
      qx('Ticket', '<field>id<expression op="GreaterThan">10</expression><expression op="LessThanOrEquals">20</expression></field>'),
    );
    assert.deepEqual(ids(range), [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('takes operators in any case and compares text case-insensitively', async () => {
    const upper = await query(sim, qx('Ticket', f('Title', 'EQUALS', 'PRINTER OFFLINE #' + findTitleNumber('Printer offline'))));
    assert.equal(upper.entities.length, 1);
    const begins = await query(sim, qx('Ticket', f('Title', 'beginswith', 'mouse NOT')));
    assert.deepEqual(
      ids(begins),
      expected('Ticket', (r) => String(r.values['Title']).startsWith('Mouse not')),
    );
    const ends = await query(sim, qx('Ticket', f('Title', 'EndsWith', '#77')));
    assert.deepEqual(
      ids(ends),
      expected('Ticket', (r) => String(r.values['Title']).endsWith('#77')),
    );
    const contains = await query(sim, qx('Ticket', f('Title', 'Contains', 'VPN')));
    assert.deepEqual(
      ids(contains),
      expected('Ticket', (r) => String(r.values['Title']).toLowerCase().includes('vpn')),
    );
    const notEqual = await query(sim, qx('Ticket', f('Status', 'NotEqual', '5') + f('id', 'LessThan', '60')));
    assert.deepEqual(
      ids(notEqual),
      expected('Ticket', (r) => r.values['Status'] !== 5 && r.id < 60),
    );
  });

  it('matches Like/NotLike with % and _ and SoundsLike with SOUNDEX', async () => {
    const like = await query(sim, qx('Ticket', f('Title', 'Like', 'printer offlin_ #1%')));
    assert.deepEqual(
      ids(like),
      expected('Ticket', (r) => /^Printer offlin. #1.*$/i.test(String(r.values['Title']))),
    );
    assert.ok(like.entities.length > 0);
    const notLike = await query(sim, qx('Ticket', f('Title', 'NotLike', '%#%')));
    assert.deepEqual(ids(notLike), []);
    const sounds = await query(sim, qx('Contact', f('LastName', 'SoundsLike', 'Smith')));
    const names = new Set(sounds.entities.map((e) => fieldText(e, 'LastName')));
    assert.deepEqual([...names].sort(), ['Schmidt', 'Smith', 'Smyth']);
  });

  it('compares date-times in Eastern time, and IsThisDay takes the Eastern calendar day', async () => {
    const cut = '2024-06-01 00:00:00';
    const after = await query(sim, qx('Ticket', f('CreateDate', 'GreaterThanorEquals', cut)));
    const cutTime = parseEastern(cut).getTime();
    assert.deepEqual(
      ids(after),
      expected('Ticket', (r) => (r.values['CreateDate'] as Date).getTime() >= cutTime),
    );
    const day = await query(sim, qx('Ticket', f('CreateDate', 'IsThisDay', '2024-03-10')));
    const want = expected('Ticket', (r) => formatEasternQuery(r.values['CreateDate'] as Date).startsWith('2024-03-10'));
    assert.ok(want.length > 0);
    assert.deepEqual(ids(day), want);
  });

  it('handles IsNull/IsNotNull, booleans and user-defined fields', async () => {
    const unassigned = await query(sim, qx('Ticket', f('AssignedResourceID', 'IsNull') + f('id', 'LessThan', '200')));
    assert.deepEqual(
      ids(unassigned),
      expected('Ticket', (r) => r.values['AssignedResourceID'] === undefined && r.id < 200),
    );
    const assigned = await query(sim, qx('Ticket', f('AssignedResourceID', 'IsNotNull') + f('id', 'LessThan', '200')));
    assert.equal(ids(assigned).length + ids(unassigned).length, 199);
    const active = await query(sim, qx('Resource', f('Active', 'Equals', 'true')));
    assert.deepEqual(
      ids(active),
      expected('Resource', (r) => r.values['Active'] === true),
    );
    const room = await query(sim, qx('Ticket', f('Room', 'Equals', '12b', true)));
    assert.deepEqual(
      ids(room),
      expected('Ticket', (r) => r.udfs?.get('Room') === '12B'),
    );
    assert.ok(room.entities.every((e) => udfValue(e, 'Room') === '12B'));
    const noMood = await query(sim, qx('Ticket', f('Customer Mood', 'IsNull', undefined, true) + f('id', 'LessThan', '30')));
    assert.deepEqual(
      ids(noMood),
      expected('Ticket', (r) => !r.udfs?.has('Customer Mood') && r.id < 30),
    );
  });

  it('writes decimals with four fraction digits, and on API 1.5 an empty UserDefinedFields (as captured answers do)', async () => {
    const created = await mutate(sim, 'create', [
      entity('Role', { Name: 'Senior Engineer', HourlyRate: '175', HourlyFactor: '1.5', Active: 'true' }),
    ]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const [id] = ids(created);
    for (const version of ['1.6', '1.5'] as const) {
      const [role] = (await query(sim, qx('Role', f('id', 'Equals', String(id))), { version })).entities;
      assert.deepEqual([fieldText(role!, 'HourlyRate'), fieldText(role!, 'HourlyFactor')], ['175.0000', '1.5000'], version);
      const second = role!.children[1];
      // Role has no UDFs; 1.5 still writes the empty list, 1.6 leaves it out.
      if (version === '1.5') assert.deepEqual([second?.name, second?.children.length], ['UserDefinedFields', 0]);
      else assert.notEqual(second?.name, 'UserDefinedFields');
    }
    // An entity with UDF values lists them on 1.5 as on 1.6; one with none, an empty list.
    const [withRoom, without] = (await query(sim, qx('Ticket', f('id', 'LessThan', '3')), { version: '1.5' })).entities;
    assert.equal(udfValue(withRoom!, 'Room'), sim.store.get('Ticket', 1)?.udfs?.get('Room'));
    assert.equal(sim.store.get('Ticket', 2)?.udfs, undefined);
    assert.deepEqual(
      without!.children.slice(0, 2).map((c) => [c.name, c.children.length]),
      [
        ['id', 0],
        ['UserDefinedFields', 0],
      ],
    );
  });

  it('answers the same tenant through API 1.5', async () => {
    const result = await query(sim, qx('Account', f('id', 'Equals', '0')), { version: '1.5' });
    assert.equal(result.returnCode, 1);
    assert.equal(fieldText(result.entities[0]!, 'AccountName'), 'Simulated MSP (Owner)');
  });

  it('answers bad queries with ReturnCode -1 and an ATWSError, never a crash', async () => {
    const cases: Array<[string, RegExp]> = [
      [qx('Tickets', f('id', 'Equals', '1')), /entity type "Tickets"/],
      [qx('Ticket', f('Titel', 'Equals', 'x')), /"Titel"/],
      [qx('Ticket', f('Title', 'Resembles', 'x')), /Resembles/],
      [qx('Ticket', f('Status', 'Equals', 'five')), /"five"/],
      [qx('Ticket', f('CreateDate', 'GreaterThan', 'yesterday')), /"yesterday"/],
      [qx('Ticket', f('Nope', 'Equals', 'x', true)), /"Nope"/],
      ['<queryxml><entity>Ticket</entity><query><field>id<expression op="Equals">1</expression></query></queryxml>', /./],
      ['<queryxml><query/></queryxml>', /./],
      ['', /./],
    ];
    for (const [text, message] of cases) {
      const result = await query(sim, text);
      assert.equal(result.returnCode, -1, text);
      assert.equal(result.entities.length, 0);
      assert.match(result.errors[0] ?? '', message, text);
    }
    const nonQueryable = await query(sim, qx('Ticket', f('CreatorType', 'Equals', '1')));
    assert.match(nonQueryable.errors[0] ?? '', /not queryable/);
    assert.equal((await query(sim, qx('Ticket', f('id', 'Equals', '1')))).returnCode, 1);
  });
});

function metadataFields(): Record<string, unknown> {
  return metadata.entities.Ticket.fields;
}

function findTitleNumber(prefix: string): string {
  for (const r of sim.store.scan('Ticket')) {
    const title = String(r.values['Title']);
    if (title.startsWith(prefix)) return title.slice(prefix.length + 2);
  }
  throw new Error(`no ticket titled ${prefix}`);
}
