/**
 * `npm start`: python-atws's README, end to end, against an embedded simulator: discovery, the bracket
 * query and its XML, paging through 1,400 tickets, closing them in packets, create, CRUD, UDFs,
 * picklists with a child picklist, invoice markup and API usage.
 *
 * `npm start -- --support-files DIR --debug`: every request and answer written to DIR (secrets
 * redacted), and one debug line per request on stderr (also with `ATWS_DEBUG=1`).
 */
import { parseArgs } from 'node:util';
import { connect, Query, type PicklistValueOf, type Stored } from 'atws';
import { startSimulator } from '../index.js';
import type { Ticket } from 'atws/v1_6';
import { progress } from './progress.js';
import { InterleavingLog } from './request-log.js';

const say = (text = ''): void => void process.stdout.write(`${text}\n`);
const title = (text: string): void => say(`\n== ${text} ==`);

async function* closeTickets(
  tickets: AsyncIterable<Stored<Ticket>>,
  complete: PicklistValueOf<Ticket, 'Status'>,
  log: InterleavingLog,
): AsyncGenerator<Stored<Ticket>> {
  for await (const ticket of tickets) {
    log.queried(ticket.id ?? -1);
    ticket.Status = complete;
    // This generator runs only when the update cursor asks for the next ticket: it goes into the packet being filled.
    log.handedOn(ticket.id ?? -1);
    yield ticket;
  }
}

interface TourOptions {
  readonly supportFilesPath: string | undefined;
  readonly debug: boolean;
  readonly transport: 'soap' | 'rest';
  readonly tickets: number;
}

function tourOptions(): TourOptions {
  const { values } = parseArgs({
    options: {
      'support-files': { type: 'string' },
      debug: { type: 'boolean', default: false },
      transport: { type: 'string', default: 'soap' },
      tickets: { type: 'string', default: '1400' },
    },
    strict: true,
  });
  const transport = values.transport;
  if (transport !== 'soap' && transport !== 'rest') throw new Error(`--transport must be soap or rest, got "${transport}"`);
  const tickets = Number(values.tickets);
  if (!Number.isInteger(tickets) || tickets < 1) throw new Error(`--tickets must be a positive integer, got "${values.tickets}"`);
  return { supportFilesPath: values['support-files'], debug: values.debug === true, transport, tickets };
}

async function main(): Promise<void> {
  const options = tourOptions();
  const stderrDebug = options.debug ? (line: string) => void process.stderr.write(`${line}\n`) : undefined;
  const rest = options.transport === 'rest';
  // REST writes one entity per request: the log tells runs of them in one line.
  const interleaving = new InterleavingLog({ onePerRequest: rest });
  const sim = await startSimulator({ port: 0, tickets: options.tickets });
  say(
    `An ATWS simulator listens on ${sim.url} with ${sim.store.count('Ticket')} tickets; the tour talks ${rest ? "REST (Autotask's REST API v1.0)" : 'SOAP (ATWS)'}.`,
  );
  try {
    title('Connecting (zone discovery)');
    const at = await connect({
      username: sim.options.username,
      password: sim.options.password,
      integrationCode: sim.options.integrationCode,
      apiVersion: '1.6',
      transport: options.transport,
      // The one change a move to REST takes: the transport (and here, the simulator's zone lookup of that wire).
      discoveryUrl: rest ? `${sim.restUrl}V1.0/zoneInformation` : sim.asmxUrl('1.6'),
      ...(options.supportFilesPath === undefined ? {} : { supportFilesPath: options.supportFilesPath }),
      debug: (line) => {
        interleaving.line(line);
        stderrDebug?.(line);
      },
    });
    if (options.supportFilesPath !== undefined) say(`Support files (every request and answer, secrets redacted) go to ${options.supportFilesPath}`);
    say(`${rest ? 'zoneInformation' : 'getZoneInfo'}("${sim.options.username}") -> ${at.url}`);

    title('Picklists');
    const tp = await at.picklist('Ticket');
    say(
      `tp.Status.Complete = ${tp.Status.get('Complete')}; tp.Status.reverseLookup(tp.Status.Complete) = ${JSON.stringify(tp.Status.reverseLookup(tp.Status.get('Complete')))}`,
    );
    say(`child picklist: tp.SubIssueType['Hardware Failure']['Mouse'] = ${tp.SubIssueType.get('Hardware Failure').get('Mouse')}`);

    title('The bracket query');
    say("SELECT * FROM Ticket WHERE id > 5 AND (Status = 'Complete' OR IssueType = 'Non Work Issues')");
    const query = new Query('Ticket')
      .where('id', Query.GreaterThan, 5)
      .openBracket('AND')
      .or('Status', Query.Equals, tp.Status.get('Complete'))
      .or('IssueType', Query.Equals, tp.IssueType.get('Non Work Issues'))
      .closeBracket();
    say(query.prettyPrint().trimEnd());
    const matching = await at.query(query).fetchAll();
    say(`-> ${matching.length} tickets; the first: #${matching[0]?.id} "${matching[0]?.Title}"`);
    const one = await at.query(new Query('Ticket').where('id', 'Equals', 1)).fetchOne();
    say(`fetchOne(): #${one?.id} created ${one?.CreateDate?.toISOString()}`);

    title('Paging through every ticket');
    const before = at.requestCount;
    let count = 0;
    for await (const ticket of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) if (ticket.id !== undefined) count++;
    say(`${count} tickets in ${at.requestCount - before} queries of at most 500 (id > last id)`);

    title(
      rest
        ? 'Closing them all: queries and one PATCH per ticket, 3 at a time, interleave'
        : 'Closing them all: queries and update packets of 200 interleave',
    );
    const complete = tp.Status.get('Complete');
    const closing = progress('closing', count);
    let closed = 0;
    const start = at.requestCount;
    interleaving.start();
    // readBack: false keeps python-atws's interleaving exact: by default each packet is followed by
    // one query reading the tickets back as stored (the update() answer is reliable for ids only).
    const tickets = closeTickets(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)), complete, interleaving);
    for await (const ticket of at.update(tickets, { readBack: false })) {
      if (ticket.Status === complete) closing.update(++closed);
    }
    interleaving.stop();
    const { queries, updates } = interleaving.counts();
    closing.finish(
      `${closed} tickets closed with ${at.requestCount - start} requests (${queries} queries, ${updates} ${rest ? 'PATCH requests' : 'update packets'}):`,
    );
    for (const line of interleaving.lines()) say(`    ${line}`);

    title('Creating a ticket');
    const draft = at.new('Ticket', {
      Title: 'test ticket',
      AccountID: 0,
      DueDateTime: new Date(Date.now() + 3 * 86_400_000),
      Priority: tp.Priority.get('Medium'),
      Status: tp.Status.get('New'),
      QueueID: tp.QueueID.get('Level I Support'),
    });
    say(`before create: id = ${String(draft.id)}`);
    // What create() resolves to is the same object, typed as stored (an update needs one read from Autotask).
    const ticket = await draft.create();
    say(`after create:  id = ${ticket.id}, TicketNumber ${ticket.TicketNumber}, created ${ticket.CreateDate?.toISOString()}`);
    const another = await at
      .create(
        at.new('Ticket', {
          Title: 'another',
          AccountID: 0,
          DueDateTime: new Date(),
          Priority: tp.Priority.get('High'),
          Status: tp.Status.get('New'),
        }),
      )
      .fetchOne();
    say(`at.create(ticket).fetchOne() -> #${another?.id}`);

    title('CRUD on the object');
    ticket.Title = 'I changed this';
    await ticket.update();
    const copy = await at.fetchByIds('Ticket', [ticket.id]).fetchOne();
    say(`update() -> stored title "${copy?.Title}"`);
    if (copy !== undefined) {
      copy.Title = 'changed elsewhere';
      await copy.update();
    }
    await ticket.reload();
    say(`reload() -> "${ticket.Title}"`);
    // TicketID is required and read-only: set once, here, on create.
    const item = at.new('TicketChecklistItem').set('ItemName', 'Replace toner').set('TicketID', ticket.id);
    await item.create();
    await item.delete();
    say(`checklist item #${item.id} created, then delete()d (Tickets themselves cannot be deleted)`);

    title('User-defined fields and attributes');
    ticket.setUdf('Room', '12B');
    ticket.setUdf('Asset Tag', 'AT-0042');
    ticket.setAttribute('escalated', true);
    await ticket.update();
    await ticket.reload();
    say(
      `getUdf('Room') = ${ticket.getUdf('Room')}; getUdf('Asset Tag') = ${String(ticket.getUdf('Asset Tag'))}; get('Status') = ${String(ticket.get('Status'))}`,
    );
    say(`attributes (JSON kept in the "Attributes" UDF): ${JSON.stringify(ticket.attributes())}`);
    say(`toJSON(): ${JSON.stringify(ticket.toJSON()).slice(0, 160)}...`);

    title('Invoice markup');
    const invoice = [...sim.store.scan('Invoice')][0];
    if (invoice !== undefined) {
      const html = await at.getInvoiceMarkup(invoice.id, 'html');
      say(`getInvoiceMarkup(${invoice.id}, 'html'): ${html.length} characters: ${html.replace(/\s+/g, ' ').slice(0, 100)}...`);
    }

    title('API usage');
    const usage = await at.getThresholdAndUsageInfo();
    say(`${usage.count} of ${usage.threshold} requests used in the last ${usage.timeframe} minutes (${usage.percent}%)`);
    at.close();
  } finally {
    await sim.close();
  }
  say('\nDone.');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(1);
});
