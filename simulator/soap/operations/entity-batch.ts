/**
 * create(Entities), update(Entities) and delete(Entities): at most 200 entities, and one call is
 * one transaction ("Batching of SOAP API calls": if any entity causes an error, none of the set is
 * saved). The tenant checks every entity, so that the answer names each bad one: a reason message
 * followed by a record-number message, the pair the real API sends and real clients read (see
 * README "Decisions: writes").
 */
import { MAX_ENTITIES_PER_WRITE } from 'atws/protocol';
import type { RecordOutcome, WriteVerb } from '../../tenant/writes.js';
import { readEntities } from '../entity-reader.js';
import { atwsResponse, plainReturnInfo, type ReturnInfo } from '../response-xml.js';
import { callerOf, entityXml, type SoapOperation } from '../operation-context.js';
import { SOAP_READING } from '../soap-reading.js';

const GERUND: Record<WriteVerb, string> = { create: 'creating', update: 'updating', delete: 'deleting' };

/** The second message of a refused entity's pair, e.g. `Error updating entity for record number [2].` */
export function recordNumberMessage(verb: WriteVerb, recordNumber: number): string {
  return `Error ${GERUND[verb]} entity for record number [${recordNumber}].`;
}

/**
 * The messages of a refused call, as production words them: a required field without a value in
 * one message with its record number (`Value does not exist for the required field AccountID. ;
 * on record number [1].`), any other reason as a pair, reason then record number. An update of an
 * id that does not exist is refused for the whole call by one message naming no record (the API
 * return values page's sample), so that message stands alone, once, before any other check.
 */
function refusalMessages(verb: WriteVerb, records: readonly RecordOutcome[]): string[] {
  const noMatch = records.find((r) => r.status === 'refused' && r.kind === 'no-matching-record');
  if (noMatch?.status === 'refused') return [noMatch.reason];
  return records.flatMap((record, index) => {
    if (record.status !== 'refused') return [];
    if (record.kind === 'required-field') return [`${record.reason} ; on record number [${index + 1}].`];
    return [record.reason, recordNumberMessage(verb, index + 1)];
  });
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
          const errors = refusalMessages(verb, outcome.records);
          if (errors.length > 0) return atwsResponse({ returnCode: -1, ...entityType, errors });
          // A real delete answers no entities and no EntityReturnInfo; create and update answer
          // each entity with DatabaseAction None (captured answers: see README, answers).
          if (verb === 'delete') return atwsResponse({ returnCode: 1, ...entityType });
          const xml: string[] = [];
          const infos: ReturnInfo[] = [];
          for (const record of outcome.records) {
            if (record.status !== 'saved') continue;
            xml.push(entityXml(ctx, record.entity, record.answer));
            infos.push(plainReturnInfo(record.answer.id));
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
