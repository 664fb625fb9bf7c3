/**
 * Fidelity: Debian's python3-suds, a WSDL-driven SOAP client that knows nothing of this project,
 * runs python-atws's README's workflow on the simulator (suds_client.py): loads the WSDL, finds the zone,
 * reads picklists, creates 1,400 tickets in packets of 200, pages a bracketed query past 500 and
 * closes the tickets in packets of 200 as the pages come in, CRUD (delete included), UDFs, invoice
 * markup and usage. Skips without suds, except in CI.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { needsSuds, sudsPython } from '../../support/shared.js';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';

const script = fileURLToPath(new URL('./suds_client.py', import.meta.url));
const skip = needsSuds();
let sim: RunningSimulator | undefined;

before(async () => {
  if (!skip) sim = await startSimulator({ tickets: 600 });
});
after(() => sim?.close());

function runSuds(running: RunningSimulator): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(sudsPython as string, [script, running.url, running.options.username, running.options.integrationCode]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    // The password goes through stdin, never the command line.
    child.stdin.end(`${running.options.password}\n`);
  });
}

describe('a third-party WSDL-driven client (python3-suds)', { skip }, () => {
  it('uses the simulator as it would use Autotask', async () => {
    const running = sim as RunningSimulator;
    const { code, stdout, stderr } = await runSuds(running);
    assert.equal(code, 0, stderr.slice(-2000));
    const seen = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(seen['zone_url'], running.asmxUrl('1.6'));
    assert.notEqual(seen['unknown_zone_error'], 0);
    assert.equal(seen['unknown_zone_url'], null);
    assert.equal(seen['paged_tickets'], 600);
    assert.equal(seen['pages'], 2);
    assert.equal(seen['first_ticket_type'], 'Ticket');
    assert.equal(seen['first_ticket_create_date'], '2024-01-02T09:00:00');
    assert.equal(seen['first_ticket_status_is_int'], true);
    assert.equal(seen['status_complete'], '5');
    assert.equal(seen['priority_high'], '1');
    assert.equal(seen['sub_issue_parent'], 'IssueType');
    assert.equal(seen['mouse_under_hardware'], true);

    // Create 1,400 in packets of 200, then the bracketed query: id > before AND (Status = x OR IssueType = Non Work Issues).
    assert.equal(seen['batch_created'], 1400);
    assert.equal(seen['batch_creates'], 7);
    const [firstId, lastId] = seen['batch_ids'] as [number, number];
    assert.equal(lastId - firstId, 1399);
    // Before closing, "Complete OR Non Work" matches only the Non Work half of the batch (not the seeded ones).
    assert.deepEqual(seen['bracket_before_close'], [700, 2, true]);
    // python-atws's README's interleaving of query pages and update packets, every ticket closed.
    assert.deepEqual(seen['close_order'], [
      'query 500',
      'update 200',
      'update 200',
      'query 500',
      'update 200',
      'update 200',
      'update 200',
      'query 400',
      'update 200',
      'update 200',
    ]);
    assert.equal(seen['closed'], true);
    for (let id = firstId; id <= lastId; id++) assert.equal(running.store.get('Ticket', id)?.values['Status'], 5, `ticket ${id}`);

    // CRUD on one ticket, with a UDF.
    const id = seen['created_id'] as number;
    assert.equal(seen['created_due'], '2025-04-01T16:30:00');
    assert.equal(seen['updated_title'], 'Updated by suds');
    assert.equal(seen['refreshed_title'], 'Updated by suds');
    assert.equal(running.store.get('Ticket', id)?.values['RmaStatus'], 2);
    assert.equal(seen['refreshed_rma_status'], 2);
    assert.deepEqual(seen['library'], [['ChecklistLibrary', seen['library_created_id'], 'Suds onboarding']]);
    assert.equal(running.store.get('Ticket', id)?.values['Title'], 'Updated by suds');
    assert.equal(running.store.get('Ticket', id)?.values['Status'], 5);
    assert.deepEqual(seen['udf_query_ids'], [id]);
    assert.equal(seen['udf_read_back'], "Suds room 'B' été");
    assert.equal(running.store.get('Ticket', id)?.udfs?.get('Room'), "Suds room 'B' été");
    assert.deepEqual([seen['checklist_before_delete'], seen['delete_code'], seen['checklist_after_delete']], [1, 1, 0]);
    assert.equal(seen['failed_code'], -1);
    assert.deepEqual(seen['failed_messages'], ['Value does not exist for the required field AccountID. ; on record number [1].']);
    assert.deepEqual(seen['ticket_udfs'], ['Room', 'Asset Tag', 'Customer Mood', 'Attributes']);
    assert.equal(seen['invoice_html_start'], '<html>');
    assert.equal(seen['invoice_xml_start'], '<invo');
    assert.match(String(seen['usage_message']), /^ThresholdOfExternalRequest: 10000; TimeframeOfLimitation: 60; numberOfExternalRequest: \d+;$/);
    assert.equal(seen['wsdl_version'], '1.6.8');
    assert.equal(seen['entity_info_count'], 167);
  });
});
