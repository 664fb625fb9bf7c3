/**
 * Fidelity with a second WSDL-driven client: the `soap` npm package builds its requests from the
 * served WSDL alone (its own envelope, namespaces and prefixes) and reads the answers by it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import soap from 'soap';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 600 });
});
after(() => sim.close());

interface Answer {
  [key: string]: unknown;
}

describe('a WSDL-driven client (node soap)', () => {
  it('discovers the zone, queries past one page, and creates with an xsi:type it chose', async () => {
    const client = await soap.createClientAsync(sim.wsdlUrl('1.6'));
    const [zone] = (await client['getZoneInfoAsync']({ UserName: sim.options.username })) as [
      { getZoneInfoResult: { URL: string; ErrorCode: number } },
    ];
    assert.equal(zone.getZoneInfoResult.ErrorCode, 0);
    client.setEndpoint(zone.getZoneInfoResult.URL);
    client.setSecurity(new soap.BasicAuthSecurity(sim.options.username, sim.options.password));
    client.addSoapHeader({ AutotaskIntegrations: { IntegrationCode: sim.options.integrationCode } }, '', 'tns', 'http://autotask.net/ATWS/v1_6/');

    const page = async (after: number): Promise<number[]> => {
      const [answer] = (await client['queryAsync']({
        sXML: `<queryxml><entity>Ticket</entity><query><field>id<expression op="greaterthan">${after}</expression></field></query></queryxml>`,
      })) as [{ queryResult: { ReturnCode: number; EntityResults: { Entity: Array<{ id: number }> } } }];
      assert.equal(answer.queryResult.ReturnCode, 1);
      return answer.queryResult.EntityResults.Entity.map((e) => Number(e.id));
    };
    const first = await page(0);
    assert.equal(first.length, 500);
    const second = await page(first[first.length - 1] as number);
    assert.equal(second.length, 100);

    const [created] = (await client['createAsync']({
      Entities: {
        Entity: [
          {
            attributes: { 'xsi:type': 'tns:Ticket' },
            Title: 'from node soap',
            AccountID: 0,
            DueDateTime: '2025-01-01T10:00:00',
            Priority: 1,
            Status: 1,
          },
        ],
      },
    })) as [{ createResult: Answer & { ReturnCode: number; EntityResults: { Entity: Array<{ id: number }> } } }];
    assert.equal(created.createResult.ReturnCode, 1);
    const id = Number(created.createResult.EntityResults.Entity[0]?.id);
    assert.equal(sim.store.get('Ticket', id)?.values['Title'], 'from node soap');
  });
});
