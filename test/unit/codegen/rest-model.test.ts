// The REST model derived from Autotask's REST swagger and the SOAP snapshots (codegen/README.md,
// "REST model"): pairs from the generic definition names (the Account/Company trap included),
// routes and methods exactly as the paths have them, child routes with their parent id field, field
// renames by the stated rules, disagreements listed; and the generated `atws/rest-model` is that
// derivation, with lookups that answer by SOAP name, collection and child route.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { restModel } from 'atws/rest-model';
import { restEntity, restEntityByChildRoute, restEntityByCollection, soapFieldOf } from 'atws/protocol';
import { restModelOf } from '../../../codegen/emit-rest-model.js';
import { deriveRestModel } from '../../../codegen/rest-model-derive.js';
import type { RestModelSnapshot, SnapshotRestEntity } from '../../../codegen/rest-model-snapshot.js';
import { readSwaggerFile } from '../../../codegen/rest-swagger.js';
import { readSnapshot } from '../../../codegen/snapshot-reader.js';
import { needsShared, projectRoot, sharedAtws } from '../../support/shared.js';

describe('REST model derived from the swagger', { skip: needsShared() }, () => {
  let model: RestModelSnapshot;
  const entity = (name: string): SnapshotRestEntity => {
    const found = model.entities.find((e) => e.entity === name);
    assert.ok(found, `no REST side for ${name}`);
    return found;
  };
  const field = (entityName: string, soap: string) => entity(entityName).fields.find((f) => f.soap === soap);

  before(async () => {
    const soap16 = (await readSnapshot(join(projectRoot, 'wsdl', '1.6'))).entities;
    const soap15 = (await readSnapshot(join(projectRoot, 'wsdl', '1.5'))).entities;
    const swaggerFile = join(sharedAtws, 'rest', 'swagger.json');
    model = deriveRestModel({
      swagger: await readSwaggerFile(swaggerFile),
      swaggerFile,
      soap: soap16,
      alsoCovers: [{ snapshot: soap15, label: '1.5' }],
    });
  });

  it('pairs REST models with SOAP entities by the generic definition names: 204 pairs, 42 renamed', () => {
    assert.equal(model.counts.swaggerPaths, 2077);
    assert.equal(model.counts.swaggerDefinitions, 806);
    assert.equal(model.counts.genericPairs, 204);
    assert.equal(model.counts.genericPairsRenamed, 42);
    assert.deepEqual(
      ['Account', 'InstalledProduct', 'AllocationCode', 'Ticket'].map((n) => [entity(n).model, entity(n).collection?.name, entity(n).pairedBy]),
      [
        ['CompanyModel', 'Companies', 'QueryActionResult[CompanyModel,Account]'],
        ['ConfigurationItemModel', 'ConfigurationItems', 'QueryActionResult[ConfigurationItemModel,InstalledProduct]'],
        ['BillingCodeModel', 'BillingCodes', 'QueryActionResult[BillingCodeModel,AllocationCode]'],
        ['TicketModel', 'Tickets', 'QueryActionResult[TicketModel,Ticket]'],
      ],
    );
  });

  it('the trap: CompanyLocation is AccountPhysicalLocation, CompanySiteConfiguration is AccountLocation', () => {
    assert.deepEqual(
      [entity('AccountPhysicalLocation').model, entity('AccountPhysicalLocation').collection?.name],
      ['CompanyLocationModel', 'CompanyLocations'],
    );
    assert.deepEqual(
      [entity('AccountLocation').model, entity('AccountLocation').collection?.name],
      ['CompanySiteConfigurationModel', 'CompanySiteConfigurations'],
    );
    assert.equal(restEntityByCollection(restModel, 'CompanyLocations')?.entity, 'AccountPhysicalLocation');
    assert.equal(restEntityByChildRoute(restModel, 'Companies', 'SiteConfigurations')?.entity.entity, 'AccountLocation');
  });

  it('a model no generic names pairs with the SOAP entity of its own name (create-only routes)', () => {
    assert.deepEqual(entity('ContractServiceAdjustment').pairedBy, 'same name');
    assert.deepEqual(entity('ContractServiceAdjustment').collection, {
      name: 'ContractServiceAdjustments',
      methods: ['create', 'entityInformation', 'entityInformationFields', 'entityInformationUdfs'],
    });
  });

  it('a child route: TicketNote is written through /Tickets/{parentId}/Notes, its TicketID the parent id', () => {
    const note = entity('TicketNote');
    assert.deepEqual(note.collection?.methods, [
      'get',
      'queryGet',
      'queryPost',
      'countGet',
      'countPost',
      'entityInformation',
      'entityInformationFields',
      'entityInformationUdfs',
    ]);
    assert.deepEqual(note.childRoutes, [
      {
        parentCollection: 'Tickets',
        name: 'Notes',
        parent: 'Ticket',
        parentRule: 'collection',
        parentIdField: 'TicketID',
        parentIdRule: 'reference',
        methods: ['get', 'list', 'create', 'patch', 'put', 'entityInformation', 'entityInformationFields', 'entityInformationUdfs'],
      },
    ]);
    const found = restEntityByChildRoute(restModel, 'tickets', 'NOTES');
    assert.equal(found?.entity.entity, 'TicketNote');
    assert.equal(found?.route.parentIdField, 'TicketID');
  });

  it('child routes whose parent is no collection, or whose parent id needs a listed rule', () => {
    const items = entity('ExpenseItem').childRoutes[0];
    assert.deepEqual(
      [items?.parentCollection, items?.parent, items?.parentRule, items?.parentIdField],
      ['Expenses', 'ExpenseReport', 'prefix', 'ExpenseReportID'],
    );
    const predecessors = entity('TaskPredecessor').childRoutes[0];
    assert.deepEqual([predecessors?.parentIdField, predecessors?.parentIdRule], ['SuccessorTaskID', 'listed']);
    assert.deepEqual(
      [entity('ProductNote').childRoutes[0]?.parentIdField, entity('ProductNote').childRoutes[0]?.parentIdRule],
      ['ProductID', 'name'],
    );
    assert.deepEqual(
      model.disagreements.filter((d) => d.kind === 'child-parent-unresolved').map((d) => d.entity),
      ['ServiceLevelAgreementResults'],
    );
  });

  it('methods exactly as the paths have them: Companies has no DELETE, ActionTypes has', () => {
    assert.deepEqual(entity('Account').collection?.methods, [
      'get',
      'queryGet',
      'queryPost',
      'countGet',
      'countPost',
      'create',
      'patch',
      'put',
      'entityInformation',
      'entityInformationFields',
      'entityInformationUdfs',
    ]);
    assert.ok(entity('ActionType').collection?.methods.includes('delete'));
    assert.deepEqual(restEntity(restModel, 'Account')?.collection?.methods.includes('delete'), false);
    // Operations that are no method of an entity route are kept, not dropped.
    assert.ok(model.otherOperations.includes('GET /V1.0/Companies/{id}/invoiceSettings'));
    assert.ok(model.otherOperations.includes('GET /V1.0/ZoneInformation'));
  });

  it('renames fields by the stated rules, the rule recorded on each pair that is no case change', () => {
    assert.deepEqual(field('Ticket', 'AccountID'), {
      soap: 'AccountID',
      rest: 'companyID',
      type: 'int32',
      rule: 'term',
      detail: 'Account -> Company',
    });
    assert.deepEqual(field('Account', 'Active'), { soap: 'Active', rest: 'isActive', type: 'boolean', rule: 'is-prefix' });
    assert.deepEqual(field('Ticket', 'InstalledProductID'), {
      soap: 'InstalledProductID',
      rest: 'configurationItemID',
      type: 'int32',
      rule: 'term',
      detail: 'InstalledProduct -> ConfigurationItem',
    });
    assert.equal(field('Account', 'AccountName')?.rest, 'companyName');
    assert.equal(field('Account', 'BillToAccountPhysicalLocationID')?.rest, 'billToCompanyLocationID');
    assert.deepEqual([field('Account', 'BillToAddress1')?.rest, field('Account', 'BillToAddress1')?.rule], ['billingAddress1', 'listed']);
    assert.deepEqual(
      [field('ExpenseReport', 'ExpenseTotal')?.rest, field('ExpenseReport', 'ExpenseTotal')?.rule],
      ['internalCurrencyExpenseTotal', 'internal-currency'],
    );
    assert.deepEqual([field('Project', 'Type')?.rest, field('Project', 'Type')?.rule], ['projectType', 'type-field']);
    assert.deepEqual([field('Project', 'ExtPNumber')?.rest, field('Project', 'ExtPNumber')?.rule], ['extProjectNumber', 'label']);
    assert.deepEqual(field('Ticket', 'Title'), { soap: 'Title', rest: 'title', type: 'string' });
    for (const e of model.entities) {
      for (const f of e.fields) {
        if (f.rule === undefined) assert.equal(f.soap.toLowerCase(), f.rest.toLowerCase(), `${e.entity}.${f.soap}`);
        else
          assert.ok(
            model.disagreements.some((d) => d.kind === 'field-renamed' && d.entity === e.entity && d.field === f.soap),
            `${e.entity}.${f.soap} is listed`,
          );
      }
    }
  });

  it("serves 1.5's classes too: its AEMDevice* fields map to the rmm* fields 1.6's RMMDevice* do", () => {
    assert.equal(model.sources.alsoCovers, '1.5 (field metadata 1.6.1)');
    assert.deepEqual(field('InstalledProduct', 'AEMDeviceID'), {
      soap: 'AEMDeviceID',
      rest: 'rmmDeviceID',
      type: 'int64',
      rule: 'term',
      detail: 'AEM -> RMM',
      onlyIn: ['1.5'],
    });
    assert.equal(field('InstalledProduct', 'RMMDeviceID')?.rest, 'rmmDeviceID');
    const installedProduct = restEntity(restModel, 'InstalledProduct');
    assert.ok(installedProduct);
    assert.equal(soapFieldOf(installedProduct, 'rmmDeviceID', '1.5'), 'AEMDeviceID');
    assert.equal(soapFieldOf(installedProduct, 'rmmDeviceID', '1.6'), 'RMMDeviceID');
    assert.equal(soapFieldOf(installedProduct, 'configurationItemType', '1.6'), 'Type');
    assert.equal(soapFieldOf(installedProduct, 'sslCommonName', '1.6'), undefined);
  });

  it('lists the disagreements: entities and fields on one side only, renamed entities', () => {
    const listed = (kind: string, entityName: string, fieldName?: string): boolean =>
      model.disagreements.some((d) => d.kind === kind && d.entity === entityName && d.field === fieldName);
    assert.ok(listed('entity-only-in-soap', 'InstalledProductTypeUdfAssociation'));
    assert.ok(listed('entity-only-in-rest', 'DocumentModel'));
    assert.ok(listed('entity-only-in-rest', 'TicketAttachmentModel'));
    assert.ok(listed('entity-renamed', 'AccountLocation'));
    assert.ok(listed('field-only-in-soap', 'Account', 'KeyAccountIcon'));
    assert.ok(listed('field-only-in-rest', 'Account', 'isSample'));
    assert.ok(listed('field-type-differs', 'ContractRetainer', 'IsPaid'));
    assert.ok(listed('capability-differs', 'AccountAlert'));
    assert.deepEqual(entity('Account').soapOnlyFields, ['Country', 'KeyAccountIcon']);
    assert.equal(model.disagreements.filter((d) => d.kind === 'entity-only-in-soap').length, 1);
    assert.equal(model.disagreements.filter((d) => d.kind === 'listed-rule-unused').length, 0);
    // Every one-sided field is listed, and every field of every paired entity is paired or one-sided.
    for (const e of model.entities) {
      for (const f of e.soapOnlyFields) assert.ok(listed('field-only-in-soap', e.entity, f), `${e.entity}.${f}`);
      for (const f of e.restOnlyFields) assert.ok(listed('field-only-in-rest', e.entity, f.rest), `${e.entity}.${f.rest}`);
    }
  });

  it('atws/rest-model is this derivation, looked up by SOAP name and by collection in any case', () => {
    assert.deepEqual(restModel, restModelOf(model));
    assert.equal(restEntityByCollection(restModel, 'configurationitems')?.entity, 'InstalledProduct');
    assert.equal(restEntityByCollection(restModel, 'COMPANIES')?.entity, 'Account');
    assert.equal(restEntityByCollection(restModel, 'constructor'), undefined);
    assert.equal(restEntity(restModel, 'toString'), undefined);
    assert.equal(Object.keys(restModel.entities).length, 166);
  });
});
