import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AtwsResponseDecoder, type AtwsResponseSummary, type RawEntity } from '../../../runtime/client/soap/atws-response-decoder.js';
import { XmlSyntaxError } from '../../../runtime/protocol/soap/xml/xml-syntax-error.js';
import { soapEnvelope, soapFaultEnvelope } from '../../../runtime/protocol/soap/xml/soap-envelope.js';

function decode(xml: string, chunkSize = xml.length, idsOnly = false): { entities: RawEntity[]; summary: AtwsResponseSummary } {
  const entities: RawEntity[] = [];
  const decoder = new AtwsResponseDecoder({ onEntity: (e) => entities.push(e), idsOnly });
  for (let i = 0; i < xml.length; i += chunkSize) decoder.write(xml.slice(i, i + chunkSize));
  return { entities, summary: decoder.close() };
}

const README_ENTITY = `<Entity xsi:type="Ticket">
  <id>42</id>
  <UserDefinedFields>
    <UserDefinedField><Name>Room</Name><Value>12B</Value></UserDefinedField>
    <UserDefinedField><Name>Asset Tag</Name></UserDefinedField>
  </UserDefinedFields>
  <AccountID xsi:type="xsd:int">0</AccountID>
  <CreateDate xsi:type="xsd:dateTime">2024-03-10T01:59:59.5</CreateDate>
  <Title xsi:type="xsd:string">Printer offline</Title>
  <Resolution xsi:type="xsd:string"/>
</Entity>`;

const queryResponse = (entities: string, extra = ''): string =>
  soapEnvelope(
    `<queryResponse xmlns="http://autotask.net/ATWS/v1_6/"><queryResult><ReturnCode>1</ReturnCode>` +
      `<EntityResults>${entities}</EntityResults><EntityResultType>ticket</EntityResultType>${extra}</queryResult></queryResponse>`,
  );

const README_RESULT: RawEntity = {
  type: 'Ticket',
  id: 42,
  fields: new Map([
    ['AccountID', '0'],
    ['CreateDate', '2024-03-10T01:59:59.5'],
    ['Title', 'Printer offline'],
    ['Resolution', ''],
  ]),
  udfs: [
    ['Room', '12B'],
    ['Asset Tag', null],
  ],
};

describe('AtwsResponseDecoder', () => {
  it('decodes the README entity shape and the response summary', () => {
    const { entities, summary } = decode(queryResponse(README_ENTITY + README_ENTITY.replace('<id>42</id>', '<id>43</id>')));
    assert.equal(entities.length, 2);
    assert.deepEqual(entities[0], README_RESULT);
    assert.equal(entities[1]?.id, 43);
    assert.deepEqual(summary, { returnCode: 1, entityResultType: 'ticket', errors: [], entityReturnInfo: [] });
  });

  it('reads entities as their type and id only when asked (write answers), still checking all of the XML', () => {
    const xml = queryResponse(README_ENTITY + README_ENTITY.replace('<id>42</id>', '<id>43</id>'));
    const { entities, summary } = decode(xml, xml.length, true);
    assert.deepEqual(entities, [
      { type: 'Ticket', id: 42, fields: new Map(), udfs: [] },
      { type: 'Ticket', id: 43, fields: new Map(), udfs: [] },
    ]);
    assert.equal(summary.returnCode, 1);
    for (const size of [1, 7]) assert.deepEqual(decode(xml, size, true).entities, entities, `chunks of ${size}`);
    const broken = queryResponse(
      README_ENTITY.replace('<Title xsi:type="xsd:string">Printer offline</Title>', '<Title>Printer &bogus; offline</Title>'),
    );
    assert.throws(() => decode(broken, broken.length, true), XmlSyntaxError);
    const twice = queryResponse(README_ENTITY.replace('<id>42</id>', '<id>42</id><id>44</id>'));
    assert.throws(() => decode(twice, twice.length, true), /holds <id> twice/);
  });

  it('gives the same result for any chunking, down to one character', () => {
    const xml = queryResponse(README_ENTITY.replace('Printer offline', 'Printer &amp; <![CDATA[scanner <b>]]> &#233;'));
    const whole = decode(xml);
    assert.equal(whole.entities[0]?.fields.get('Title'), 'Printer & scanner <b> é');
    for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(decode(xml, size), whole, `chunks of ${size}`);
  });

  it('accepts any prefixes (or none), absent xsi:type on fields, and leaves out xsi:nil fields', () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <s:Body><a:queryResponse xmlns:a="http://autotask.net/ATWS/v1_5/"><a:queryResult>
        <a:ReturnCode>1</a:ReturnCode>
        <a:EntityResults><a:Entity i:type="a:Account"><a:id>7</a:id><a:AccountName>Acme</a:AccountName><a:Active i:type="b:boolean">true</a:Active></a:Entity>
          <Entity><id>8</id><AccountName/><Phone i:nil="true"/><Fax i:nil="false">1</Fax></Entity></a:EntityResults>
        <a:EntityResultType>account</a:EntityResultType>
      </a:queryResult></a:queryResponse></s:Body></s:Envelope>`;
    const { entities, summary } = decode(xml);
    assert.deepEqual(entities, [
      {
        type: 'Account',
        id: 7,
        fields: new Map([
          ['AccountName', 'Acme'],
          ['Active', 'true'],
        ]),
        udfs: [],
      },
      {
        type: '',
        id: 8,
        fields: new Map([
          ['AccountName', ''],
          ['Fax', '1'],
        ]),
        udfs: [],
      },
    ]);
    assert.equal(summary.returnCode, 1);
    assert.equal(summary.entityResultType, 'account');
  });

  it('reads Errors and EntityReturnInfoResults with DuplicateStatus', () => {
    const xml = soapEnvelope(`<createResponse xmlns="http://autotask.net/ATWS/v1_6/"><createResult>
      <Errors><ATWSError><Message>Error in record number [2]: Title is required.</Message></ATWSError>
        <ATWSError><Message>Second &lt;error&gt;</Message></ATWSError></Errors>
      <EntityResults>${README_ENTITY}</EntityResults>
      <EntityResultType>ticket</EntityResultType>
      <EntityReturnInfoResults>
        <EntityReturnInfo><EntityId>42</EntityId><DatabaseAction>Created</DatabaseAction>
          <DuplicateStatus><Found>true</Found><Ignored>false</Ignored><MatchInfo/></DuplicateStatus><Message>ok</Message></EntityReturnInfo>
        <EntityReturnInfo><DatabaseAction>None</DatabaseAction><Message/></EntityReturnInfo>
      </EntityReturnInfoResults>
      <ReturnCode>-1</ReturnCode></createResult></createResponse>`);
    const { entities, summary } = decode(xml);
    assert.equal(entities.length, 1);
    assert.deepEqual(summary, {
      returnCode: -1,
      entityResultType: 'ticket',
      errors: ['Error in record number [2]: Title is required.', 'Second <error>'],
      entityReturnInfo: [
        { entityId: 42, databaseAction: 'Created', duplicateStatus: { found: true, ignored: false }, message: 'ok' },
        { entityId: undefined, databaseAction: 'None', message: '' },
      ],
    });
  });

  it('reads getThresholdAndUsageInfo figures from EntityReturnInfo/Message', () => {
    const xml = soapEnvelope(`<getThresholdAndUsageInfoResponse xmlns="http://autotask.net/ATWS/v1_6/"><getThresholdAndUsageInfoResult>
      <ReturnCode>1</ReturnCode><EntityResults/><EntityResultType>thresholdinformation</EntityResultType><Errors/>
      <EntityReturnInfoResults><EntityReturnInfo><EntityId>0</EntityId><DatabaseAction>None</DatabaseAction>
      <Message>ThresholdOfExternalRequest: 10000; TimeframeOfLimitation: 60; numberOfExternalRequest: 17;</Message>
      </EntityReturnInfo></EntityReturnInfoResults></getThresholdAndUsageInfoResult></getThresholdAndUsageInfoResponse>`);
    const { entities, summary } = decode(xml);
    assert.deepEqual(entities, []);
    assert.equal(summary.entityReturnInfo[0]?.message, 'ThresholdOfExternalRequest: 10000; TimeframeOfLimitation: 60; numberOfExternalRequest: 17;');
  });

  it('reports a SOAP Fault', () => {
    const { entities, summary } = decode(soapFaultEnvelope('soap:Client', 'Invalid queryxml: unknown operator "Equal"'));
    assert.deepEqual(entities, []);
    assert.deepEqual(summary.fault, { code: 'soap:Client', message: 'Invalid queryxml: unknown operator "Equal"' });
    assert.equal(summary.returnCode, undefined);
  });

  it('throws XmlSyntaxError on malformed XML while writing, and on truncation at close()', () => {
    const malformed = new AtwsResponseDecoder({ onEntity: () => {} });
    assert.throws(
      () => malformed.write('<a><b></a>'),
      (e: unknown) => e instanceof XmlSyntaxError && /Malformed ATWS response XML/.test(e.message),
    );
    assert.throws(() => malformed.close(), XmlSyntaxError);

    const xml = queryResponse(README_ENTITY);
    const seen: RawEntity[] = [];
    const truncated = new AtwsResponseDecoder({ onEntity: (e) => seen.push(e) });
    truncated.write(xml.slice(0, xml.indexOf('</EntityResults>')));
    assert.equal(seen.length, 1, 'entities stream out before the end');
    assert.throws(
      () => truncated.close(),
      (e: unknown) => e instanceof XmlSyntaxError && /unclosed tag/i.test(e.message),
    );

    for (const bad of ['', 'Unauthorized', '<html><body>401</body>']) {
      assert.throws(() => decode(bad), XmlSyntaxError, JSON.stringify(bad));
    }
  });

  it('lets an exception of onEntity propagate unchanged and stops', () => {
    const boom = new RangeError('stop here');
    const decoder = new AtwsResponseDecoder({
      onEntity: () => {
        throw boom;
      },
    });
    assert.throws(
      () => decoder.write(queryResponse(README_ENTITY)),
      (e: unknown) => e === boom,
    );
    assert.throws(
      () => decoder.write('<more/>'),
      (e: unknown) => e === boom,
    );
  });

  it('refuses use after close()', () => {
    const decoder = new AtwsResponseDecoder({ onEntity: () => {} });
    decoder.write('<a/>');
    decoder.close();
    assert.throws(() => decoder.write('<b/>'), /write after close/);
  });
});

describe('AtwsResponseDecoder nesting depth', () => {
  it('refuses an answer nested deeper than 256 elements as it streams in, with a clear XmlSyntaxError', () => {
    const deep = (depth: number): string =>
      queryResponse(`<Entity xsi:type="Ticket"><id>1</id><Title>${'<b>'.repeat(depth)}${'</b>'.repeat(depth)}</Title></Entity>`);
    // Real answers nest 9 deep; 200 more levels still decode.
    assert.equal(decode(deep(200)).entities.length, 1);
    assert.throws(
      () => decode(deep(300)),
      (error: unknown) => error instanceof XmlSyntaxError && /nested deeper than 256 elements/.test(error.message),
    );
    // Megabytes of nesting fail at the first chunk past the limit, not after reading (and holding) it all.
    const decoder = new AtwsResponseDecoder({ onEntity: () => undefined });
    assert.throws(() => decoder.write(queryResponse('').split('</EntityResults>')[0] + '<a>'.repeat(100_000)), /nested deeper than 256 elements/);
    assert.throws(() => decoder.write('<a>'.repeat(100_000)), /nested deeper than 256 elements/);
  });
});
