/**
 * create(Entities), update(Entities) and delete(Entities): at most 200 entities, and one call is
 * one transaction ("Batching of SOAP API calls": if any entity causes an error, none of the set is
 * saved). The tenant checks every entity, so that the answer names each bad one: a reason message
 * followed by a record-number message, the pair the real API sends and real clients read (see
 * README "Decisions: writes").
 */
import { MAX_ENTITIES_PER_WRITE } from 'atws/protocol';
import type { WriteVerb } from '../../tenant/writes.js';
import { readEntities } from '../entity-reader.js';
import { atwsResponse, type ReturnInfo } from '../response-xml.js';
import { callerOf, entityXml, type SoapOperation } from '../operation-context.js';
import { SOAP_READING } from '../soap-reading.js';

const GERUND: Record<WriteVerb, string> = { create: 'creating', update: 'updating', delete: 'deleting' };

/** The second message of a refused entity's pair, e.g. `Error updating entity for record number [2].` */
export function recordNumberMessage(verb: WriteVerb, recordNumber: number): string {
  return `Error ${GERUND[verb]} entity for record number [${recordNumber}].`;
}

function batchOperation(verb: WriteVerb): SoapOperation {
  return {
    read(request, ctx) {
      const entities = readEntities(request);
      return {
        entity: entities[0]?.type,
        run() {
          if (entities.length > MAX_ENTITIES_PER_WRITE) {
            return atwsResponse({
              returnCode: -1,
              errors: [`Too many entities: ${entities.length} were sent to ${verb}; at most ${MAX_ENTITIES_PER_WRITE} are allowed per call.`],
            });
          }
          const outcome = ctx.tenant.write({
            verb,
            schema: ctx.api.metadata,
            caller: callerOf(ctx),
            entities,
            reading: SOAP_READING,
            transaction: 'all-or-nothing',
          });
          const entityType = outcome.entityType === undefined ? {} : { entityType: outcome.entityType };
          const errors = outcome.records.flatMap((record, index) =>
            record.status === 'refused' ? [record.reason, recordNumberMessage(verb, index + 1)] : [],
          );
          if (errors.length > 0) return atwsResponse({ returnCode: -1, ...entityType, errors });
          const xml: string[] = [];
          const infos: ReturnInfo[] = [];
          for (const record of outcome.records) {
            if (record.status !== 'saved') continue;
            xml.push(entityXml(ctx, record.entity, record.answer));
            infos.push({ entityId: record.answer.id, action: record.action, message: record.message });
          }
          return atwsResponse({ returnCode: 1, entities: xml, ...entityType, returnInfos: infos });
        },
      };
    },
  };
}

export const create = batchOperation('create');
export const update = batchOperation('update');
export const deleteOperation = batchOperation('delete');
