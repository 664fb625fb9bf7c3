// The rules of codegen/README.md ("REST model") one by one, on small inputs that can be bent: each
// field rule pairs what it should and nothing it should not (ambiguity, another kind of value), the
// terms come from the entity pairs, and the derivation takes pairs from the generic definitions
// (crossed names included), methods from the paths, parent id fields from references.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldType, RestFieldType } from 'atws/protocol';
import { nameWords, pairFields, termRenames, type FieldPairing } from '../../../codegen/rest-field-pairing.js';
import { deriveRestModel } from '../../../codegen/rest-model-derive.js';
import { restModelJson } from '../../../codegen/rest-model-snapshot.js';
import { swaggerFromJson } from '../../../codegen/rest-swagger.js';
import type { EntitySnapshot, SnapshotEntity, SnapshotField } from '../../../codegen/snapshot.js';
import { miniSwagger } from './mini-swagger.js';

const soapField = (name: string, type: FieldType, extra: Partial<SnapshotField> = {}): SnapshotField => ({
  name,
  label: name,
  type,
  length: 0,
  required: false,
  readOnly: false,
  queryable: true,
  picklist: false,
  ...extra,
});

const TERMS = termRenames([
  ['Account', 'Company'],
  ['ContractCost', 'ContractCharge'],
  ['AccountPhysicalLocation', 'CompanyLocation'],
]);

function pair(
  soap: SnapshotField[],
  rest: Record<string, RestFieldType>,
  extra: { entity?: string; listed?: Array<{ soap: string; rest: string }> } = {},
): FieldPairing {
  return pairFields({
    soapFields: soap,
    restFields: new Map(Object.entries(rest)),
    restEntityName: extra.entity ?? 'Thing',
    terms: TERMS,
    listed: (extra.listed ?? []).map((l) => ({ entity: 'Thing', ...l, why: 'test' })),
  });
}
const restOf = (p: FieldPairing): Record<string, string> => Object.fromEntries(p.pairs.map((x) => [x.soap, `${x.rest} ${x.rule}`]));

describe('REST field pairing rules', () => {
  it('terms: the words two paired entity names do not share', () => {
    assert.deepEqual(nameWords('BillToAccountPhysicalLocationID'), ['Bill', 'To', 'Account', 'Physical', 'Location', 'ID']);
    assert.deepEqual(
      TERMS.map((t) => `${t.from.join('')} -> ${t.to.join('')}`),
      ['Account -> Company', 'AccountPhysical -> Company', 'Cost -> Charge'],
    );
  });

  it('case first, whatever the case; then the is-form of a flag', () => {
    const p = pair(
      [soapField('Title', 'string'), soapField('EMailAddress', 'string'), soapField('Active', 'boolean'), soapField('Complete', 'short')],
      {
        title: 'string',
        emailAddress: 'string',
        isActive: 'boolean',
        isComplete: 'boolean',
      },
    );
    assert.deepEqual(restOf(p), {
      Title: 'title case',
      EMailAddress: 'emailAddress case',
      Active: 'isActive is-prefix',
      Complete: 'isComplete is-prefix',
    });
  });

  it('terms the entity pairs establish, as whole words, also in the is-form', () => {
    const p = pair(
      [
        soapField('AccountID', 'integer'),
        soapField('BillToAccountPhysicalLocationID', 'integer'),
        soapField('CostType', 'integer'),
        soapField('BillableToAccount', 'boolean'),
        soapField('AccountantID', 'integer'),
      ],
      { companyID: 'int32', billToCompanyLocationID: 'int32', chargeType: 'int32', isBillableToCompany: 'boolean', companyantID: 'int32' },
    );
    assert.deepEqual(restOf(p), {
      AccountID: 'companyID term',
      BillToAccountPhysicalLocationID: 'billToCompanyLocationID term',
      CostType: 'chargeType term',
      BillableToAccount: 'isBillableToCompany term',
    });
    assert.deepEqual(p.soapOnly, ['AccountantID']);
    assert.equal(p.pairs.find((x) => x.soap === 'AccountID')?.detail, 'Account -> Company');
  });

  it('internalCurrency amounts, Type as <entity>Type, the label as one word', () => {
    const p = pair(
      [soapField('ExpenseTotal', 'double'), soapField('Type', 'integer'), soapField('ExtPNumber', 'string', { label: 'Ext Project Number' })],
      { internalCurrencyExpenseTotal: 'double', configurationItemType: 'int32', extProjectNumber: 'string' },
      { entity: 'ConfigurationItem' },
    );
    assert.deepEqual(restOf(p), {
      ExpenseTotal: 'internalCurrencyExpenseTotal internal-currency',
      Type: 'configurationItemType type-field',
      ExtPNumber: 'extProjectNumber label',
    });
  });

  it('a listed rename applies right after case; one that cannot apply is reported', () => {
    const p = pair(
      [soapField('BillToAddress1', 'string'), soapField('Compliance', 'boolean')],
      { billingAddress1: 'string', isCompliant: 'boolean' },
      {
        listed: [
          { soap: 'BillToAddress1', rest: 'billingAddress1' },
          { soap: 'Compliance', rest: 'isCompliant' },
          { soap: 'Gone', rest: 'isCompliant' },
        ],
      },
    );
    assert.deepEqual(restOf(p), { BillToAddress1: 'billingAddress1 listed', Compliance: 'isCompliant listed' });
    assert.deepEqual(
      p.unusedListed.map((u) => u.reason),
      ['the SOAP entity has no field Gone'],
    );
  });

  it('pairs nothing by guesswork: not across kinds of value, not when two fields want one property', () => {
    // A term rename that lands on a property of another kind.
    assert.deepEqual(pair([soapField('AccountID', 'integer')], { companyID: 'string' }).soapOnly, ['AccountID']);
    // Two SOAP fields proposing one property under one rule: neither is paired.
    const two = pair([soapField('AccountID', 'integer'), soapField('CompanyID', 'integer')], { companyID: 'int32' });
    assert.deepEqual(restOf(two), { CompanyID: 'companyID case' });
    const both = pair([soapField('AccountName', 'string'), soapField('AccountPhysicalName', 'string')], { companyName: 'string' });
    assert.deepEqual(both.soapOnly, ['AccountName', 'AccountPhysicalName']);
    // A field only the WSDL declares has no known type: any kind will do.
    assert.deepEqual(restOf(pair([soapField('AccountID', 'string', { source: 'wsdl-only' })], { companyID: 'int32' })), {
      AccountID: 'companyID term',
    });
  });
});

const entity = (name: string, fields: SnapshotField[], can: Partial<SnapshotEntity> = {}): SnapshotEntity => ({
  name,
  canCreate: true,
  canUpdate: true,
  canDelete: false,
  canQuery: true,
  hasUserDefinedFields: false,
  fields: [soapField('id', 'long'), ...fields],
  ...can,
});

const soapSnapshot = (entities: SnapshotEntity[]): EntitySnapshot => ({
  format: 'atws-snapshot/1',
  apiVersion: '1.6',
  metadataVersion: '1.6.8',
  namespace: 'http://autotask.net/ATWS/v1_6/',
  sources: { wsdl: 'mini.wsdl', metadata: 'mini.json' },
  restrictedToWsdl: false,
  disagreements: [],
  entities,
});

describe('REST model derivation', () => {
  // Widget and Gadget cross over: WidgetModel is what the generics name for Gadget and the reverse,
  // as CompanyLocation stands for AccountPhysicalLocation and CompanySiteConfiguration for AccountLocation.
  const soap = soapSnapshot([
    entity('Gadget', [soapField('Name', 'string')], { canDelete: true }),
    entity('Sprocket', [soapField('Size', 'integer')]),
    entity('Widget', [
      soapField('Title', 'string'),
      soapField('GadgetID', 'integer', { reference: 'Gadget' }),
      soapField('OwnerID', 'integer', { reference: 'Gadget' }),
    ]),
  ]);
  const swagger = swaggerFromJson(
    miniSwagger(
      [
        { name: 'WidgetModel', soap: 'Gadget', properties: { id: 'int64', name: 'string' } },
        {
          name: 'GadgetModel',
          soap: 'Widget',
          properties: {
            id: 'int64',
            title: 'string',
            gadgetID: 'int32',
            ownerID: 'int32',
            userDefinedFields: 'udfs',
            soapParentPropertyId: 'parent',
          },
        },
      ],
      [
        { path: 'Widgets', model: 'WidgetModel', methods: ['get', 'queryPost', 'create', 'patch'] },
        { path: 'Gadgets', model: 'GadgetModel', methods: ['get', 'queryGet', 'queryPost', 'countPost', 'delete'] },
        { path: 'Widgets/{parentId}/Gadgets', model: 'GadgetModel', methods: ['list', 'create', 'delete'] },
      ],
    ),
  );
  const model = deriveRestModel({ swagger, swaggerFile: 'mini-swagger.json', soap, listedRenames: [] });
  const of = (name: string) => model.entities.find((e) => e.entity === name);

  it('takes pairs from the generic definitions, not from the names', () => {
    assert.deepEqual([of('Gadget')?.model, of('Gadget')?.collection?.name], ['WidgetModel', 'Widgets']);
    assert.deepEqual([of('Widget')?.model, of('Widget')?.collection?.name], ['GadgetModel', 'Gadgets']);
    assert.deepEqual(
      model.disagreements.filter((d) => d.kind === 'entity-renamed').map((d) => d.detail),
      ['Gadget <-> WidgetModel (QueryActionResult[WidgetModel,Gadget])', 'Widget <-> GadgetModel (QueryActionResult[GadgetModel,Widget])'],
    );
  });

  it('methods exactly as the paths have them: a collection without DELETE has none', () => {
    assert.deepEqual(of('Gadget')?.collection?.methods, ['get', 'queryPost', 'create', 'patch']);
    assert.deepEqual(of('Widget')?.collection?.methods, ['get', 'queryGet', 'queryPost', 'countPost', 'delete']);
    assert.deepEqual(
      model.disagreements.filter((d) => d.kind === 'capability-differs').map((d) => `${d.entity}: ${d.detail}`),
      [
        'Gadget: delete: SOAP canDelete true, REST has no DELETE route',
        'Widget: delete: SOAP canDelete false, REST has a DELETE route',
        'Widget: update: SOAP canUpdate true, REST has no PATCH or PUT route',
      ],
    );
  });

  it("a child route's parent comes from its parent collection, the parent id from the one reference named for it", () => {
    // Widget refers to Gadget twice (GadgetID, OwnerID): the reference rule does not decide; the name rule does.
    // The parent of Widgets/{parentId}/Gadgets is the entity behind the Widgets collection: Gadget.
    assert.deepEqual(of('Widget')?.childRoutes, [
      {
        parentCollection: 'Widgets',
        name: 'Gadgets',
        parent: 'Gadget',
        parentRule: 'collection',
        parentIdField: 'GadgetID',
        parentIdRule: 'name',
        methods: ['list', 'create', 'delete'],
      },
    ]);
  });

  it('keeps userDefinedFields and the server artifact soapParentPropertyId out of the fields', () => {
    assert.equal(of('Widget')?.userDefinedFields, true);
    assert.deepEqual(of('Widget')?.restOnlyFields, []);
    assert.deepEqual(
      model.disagreements.filter((d) => d.kind === 'udf-differs').map((d) => d.entity),
      ['Widget'],
    );
  });

  it('lists an entity on one side only, and writes the snapshot the same way every time', () => {
    assert.deepEqual(
      model.disagreements.filter((d) => d.kind === 'entity-only-in-soap').map((d) => d.entity),
      ['Sprocket'],
    );
    assert.equal(restModelJson(model), restModelJson(deriveRestModel({ swagger, swaggerFile: 'mini-swagger.json', soap, listedRenames: [] })));
    assert.match(restModelJson(model), /\n {8}\{ "soap": "Title", "rest": "title", "type": "string" \},\n/);
  });

  it('refuses a swagger whose generic definitions pair one model twice, naming both', () => {
    const json = miniSwagger([{ name: 'WidgetModel', soap: 'Gadget', properties: { id: 'int64' } }], []) as { definitions: Record<string, object> };
    json.definitions['ItemQueryResultModel[WidgetModel,Widget]'] = { type: 'object', properties: {} };
    assert.throws(
      () => deriveRestModel({ swagger: swaggerFromJson(json), swaggerFile: 'mini-swagger.json', soap, listedRenames: [] }),
      /mini-swagger\.json: \$\.definitions\["ItemQueryResultModel\[WidgetModel,Widget\]"\]: pairs WidgetModel with Widget, QueryActionResult\[WidgetModel,Gadget\] with Gadget/,
    );
  });
});
