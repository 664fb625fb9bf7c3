/**
 * The README's quick start, kept compiling: if the public API drifts from what the README shows,
 * `npm run typecheck` fails here. (Type-checked only; the tour runs the same flow for real.)
 */
import { connect, Query, type Stored } from '../../runtime/index.js';
import { startSimulator } from '../../simulator/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';

export async function quickStart(): Promise<void> {
  const at = await connect({
    username: 'api-user@example.com',
    password: process.env['ATWS_PASSWORD'] ?? '',
    integrationCode: process.env['ATWS_INTEGRATION_CODE'] ?? '',
  });

  const tp = await at.picklist('Ticket');
  const query = new Query('Ticket')
    .where('id', Query.GreaterThan, 5667)
    .openBracket('AND')
    .or('Status', Query.Equals, tp.Status.get('Complete'))
    .or('IssueType', Query.Equals, tp.IssueType.get('Non Work Issues'))
    .closeBracket();
  console.log(query.prettyPrint());

  async function* close(tickets: AsyncIterable<Stored<Ticket>>): AsyncGenerator<Stored<Ticket>> {
    for await (const ticket of tickets) {
      ticket.Status = tp.Status.get('Complete');
      yield ticket;
    }
  }
  for await (const ticket of at.update(close(at.query(query)))) console.log(ticket.id, 'was closed');

  const ticket = at.new('Ticket', {
    Title: 'Printer offline',
    AccountID: 0,
    DueDateTime: new Date(Date.now() + 86_400_000),
    Priority: tp.Priority.get('Medium'),
    Status: tp.Status.get('New'),
    QueueID: tp.QueueID.get('Client Portal'),
  });
  const created = await ticket.create(); // the same object, now typed Stored<Ticket>: ticket.id, TicketNumber, CreateDate filled in
  created.setUdf('Room', '12B');
  await created.update();
}

export async function offline(): Promise<void> {
  const sim = await startSimulator({ tickets: 1400 });
  const { username, password, integrationCode } = sim.options;
  const at = await connect({ username, password, integrationCode, discoveryUrl: sim.asmxUrl('1.6') });
  console.log(at.url);
  await sim.close();
}
