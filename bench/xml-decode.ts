/**
 * How much the streaming ATWS response decoder costs over a bare saxes parse of the same bytes.
 * Builds a realistic `queryResponse` (10,000 tickets, 26 fields with xsi:type + 12 UDFs each, the
 * README's wire shape), feeds both parsers the same 64 KiB chunks, and prints the best of several
 * interleaved runs: `{"bench":"xml-decode","saxesBareMs":..,"decoderMs":..,"ratio":..}`.
 *
 * Run: node --import tsx bench/xml-decode.ts [entities]
 */
import { SaxesParser } from 'saxes';
import { AtwsResponseDecoder } from '../runtime/client/soap/atws-response-decoder.js';
import { escapeXmlText } from '../runtime/protocol/soap/xml/escape.js';

const ENTITIES = Number(process.argv[2] ?? 10_000);
const CHUNK = 64 * 1024;
const RUNS = 7;

const FIELDS: Array<[string, string, (i: number) => string]> = [
  ['AccountID', 'int', (i) => String(29_000_000 + (i % 300))],
  ['AllocationCodeID', 'int', (i) => String(29_682_000 + (i % 40))],
  ['AssignedResourceID', 'int', (i) => String(29_683_000 + (i % 25))],
  ['AssignedResourceRoleID', 'int', (i) => String(29_683_100 + (i % 6))],
  ['CompletedDate', 'dateTime', (i) => `2024-0${1 + (i % 9)}-1${i % 10}T1${i % 10}:2${i % 10}:3${i % 10}.${i % 1000}`],
  ['ContactID', 'int', (i) => String(30_000_000 + i)],
  ['ContractID', 'int', (i) => String(29_684_000 + (i % 12))],
  ['CreateDate', 'dateTime', (i) => `2023-1${i % 3}-0${1 + (i % 9)}T0${i % 10}:1${i % 6}:00`],
  ['CreatorResourceID', 'int', (i) => String(29_683_000 + (i % 25))],
  [
    'Description',
    'string',
    (i) => `Customer reports that the printer on floor ${i % 7} shows "paper jam" & will not print; restarted twice <no luck>.`,
  ],
  ['DueDateTime', 'dateTime', (i) => `2024-0${1 + (i % 9)}-2${i % 8}T17:00:00`],
  ['EstimatedHours', 'double', (i) => String((i % 17) / 4)],
  ['IssueType', 'int', (i) => String(i % 12)],
  ['LastActivityDate', 'dateTime', (i) => `2024-0${1 + (i % 9)}-1${i % 10}T08:0${i % 10}:1${i % 6}.5`],
  ['Priority', 'int', (i) => String(1 + (i % 4))],
  ['QueueID', 'int', (i) => String(29_682_800 + (i % 8))],
  ['Resolution', 'string', (i) => (i % 3 === 0 ? '' : 'Replaced the fuser unit and cleared the tray.')],
  ['ServiceLevelAgreementID', 'int', (i) => String(1 + (i % 3))],
  ['Source', 'int', (i) => String(i % 6)],
  ['Status', 'int', (i) => String(1 + (i % 8))],
  ['SubIssueType', 'int', (i) => String(200 + (i % 30))],
  ['TicketNumber', 'string', (i) => `T20240101.${String(i).padStart(4, '0')}`],
  ['TicketType', 'int', (i) => String(1 + (i % 3))],
  ['Title', 'string', (i) => `Printer offline in room ${i % 50}B`],
  ['ChangeApprovalBoard', 'int', (i) => String(i % 2)],
  ['ServiceLevelAgreementHasBeenMet', 'boolean', (i) => (i % 2 === 0 ? 'true' : 'false')],
];

const UDFS = [
  'Room',
  'Asset Tag',
  'Building',
  'Floor',
  'Cost Center',
  'Department',
  'Manager',
  'Phone Ext',
  'Warranty',
  'Vendor',
  'Attributes',
  'Legacy ID',
];

function ticketXml(i: number): string {
  let xml = `<Entity xsi:type="Ticket"><id>${i + 1}</id><UserDefinedFields>`;
  for (let u = 0; u < UDFS.length; u++) {
    const name = UDFS[u] as string;
    xml +=
      u % 4 === 3
        ? `<UserDefinedField><Name>${name}</Name></UserDefinedField>`
        : `<UserDefinedField><Name>${name}</Name><Value>${escapeXmlText(`${name} value ${i % 97}`)}</Value></UserDefinedField>`;
  }
  xml += '</UserDefinedFields>';
  for (const [name, type, value] of FIELDS) {
    const text = escapeXmlText(value(i));
    xml += text === '' ? `<${name} xsi:type="xsd:${type}"/>` : `<${name} xsi:type="xsd:${type}">${text}</${name}>`;
  }
  return `${xml}</Entity>`;
}

function responseXml(n: number): string {
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
      '<queryResponse xmlns="http://autotask.net/ATWS/v1_6/"><queryResult><EntityResults>',
  ];
  for (let i = 0; i < n; i++) parts.push(ticketXml(i));
  parts.push(
    '</EntityResults><EntityResultType>ticket</EntityResultType><Errors/><EntityReturnInfoResults/>' +
      '<ReturnCode>1</ReturnCode></queryResult></queryResponse></soap:Body></soap:Envelope>',
  );
  return parts.join('');
}

function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) chunks.push(text.slice(i, i + CHUNK));
  return chunks;
}

function bare(chunks: readonly string[]): number {
  const start = performance.now();
  const parser = new SaxesParser();
  for (const chunk of chunks) parser.write(chunk);
  parser.close();
  return performance.now() - start;
}

function decode(chunks: readonly string[]): number {
  const start = performance.now();
  let count = 0;
  const decoder = new AtwsResponseDecoder({ onEntity: () => void count++ });
  for (const chunk of chunks) decoder.write(chunk);
  const summary = decoder.close();
  const ms = performance.now() - start;
  if (count !== ENTITIES || summary.returnCode !== 1) throw new Error(`decoded ${count} entities, ReturnCode ${summary.returnCode}`);
  return ms;
}

const chunks = chunksOf(responseXml(ENTITIES));
let saxesBareMs = Number.POSITIVE_INFINITY;
let decoderMs = Number.POSITIVE_INFINITY;
for (let run = 0; run < RUNS; run++) {
  saxesBareMs = Math.min(saxesBareMs, bare(chunks));
  decoderMs = Math.min(decoderMs, decode(chunks));
}
const round = (x: number): number => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'xml-decode',
    entities: ENTITIES,
    megabytes: round(chunks.reduce((n, c) => n + c.length, 0) / 1e6),
    saxesBareMs: round(saxesBareMs),
    decoderMs: round(decoderMs),
    ratio: Math.round((decoderMs / saxesBareMs) * 100) / 100,
  }),
);
