/**
 * Emits `entities/<Entity>.ts`: the entity class (typed, `declare`d fields; capabilities as a
 * phantom type), and its create-input, update-input and query-field types.
 */
import {
  StructureKind,
  type OptionalKind,
  type PropertyDeclarationStructure,
  type PropertySignatureStructure,
  type SourceFileStructure,
  type StatementStructures,
} from 'ts-morph';
import type { SnapshotEntity, SnapshotField } from './snapshot.js';
import { fieldDocLine, fieldDocShort, tsTypeOf, type GenContext } from './gen-context.js';
import { propertyName, quote } from './ts-literal.js';
import {
  labelledPicklistFields,
  picklistLabelsSource,
  picklistLabelsTypeName,
  picklistValuesOf,
  picklistValuesSource,
  udfTypeName,
  udfTypeSource,
} from './emit-tenant-types.js';

export function entityFile(entity: SnapshotEntity, ctx: GenContext): SourceFileStructure {
  const name = entity.name;
  const references = [
    ...new Set(entity.fields.map((f) => f.reference).filter((r): r is string => r !== undefined && r !== name && ctx.entityNames.has(r))),
  ].sort();
  const udfs = udfTypeName(entity);
  const valueTypes = new Set(entity.fields.map((f) => fieldType(entity, f).split('<')[0] as string));
  const statements: Array<StatementStructures | string> = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `${ctx.runtimeImport}/entity`,
      namedImports: [
        'EntityBase',
        'entityCapabilities',
        'entityInputs',
        ...(udfs === undefined ? [] : ['entityUdfs']),
        ...['ReadOnlyField', 'SetOnceField']
          .filter((rule) => entity.fields.some((f) => f.name !== 'id' && f.readOnly && f.required === (rule === 'SetOnceField')))
          .map((t) => ({ name: t, isTypeOnly: true })),
        ...['ChildPicklistValue', 'NumericText', 'PicklistValue', ...(udfs === undefined ? [] : ['UdfField'])]
          .filter((t) => valueTypes.has(t) || t === 'UdfField')
          .map((t) => ({ name: t, isTypeOnly: true })),
        ...(picklistsTypeName(entity) === undefined
          ? []
          : [
              'EntityPicklistsBase',
              ...(picklistFields(entity).some((f) => f.picklistParent === undefined) ? ['Picklist'] : []),
              ...(picklistFields(entity).some((f) => f.picklistParent !== undefined) ? ['ChildPicklist'] : []),
            ].map((t) => ({ name: t, isTypeOnly: true }))),
      ],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../metadata.js', namedImports: ['metadata'] },
  ];
  if (references.length > 0) {
    // Type-only imports, so that `{@link Account}` in the TSDoc resolves; they cost nothing at run time.
    for (const ref of references) {
      statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: `./${ref}.js`, namedImports: [ref] });
    }
  }

  const fieldProps: OptionalKind<PropertyDeclarationStructure>[] = entity.fields.map((field) => ({
    name: propertyName(field.name),
    hasDeclareKeyword: true,
    // Read-only fields (id among them) are the API's to fill: assigning one would be dropped on update.
    isReadonly: field.readOnly || field.name === 'id',
    hasQuestionToken: true,
    type: fieldType(entity, field),
    docs: [fieldDocLine(field, ctx)],
  }));
  const capabilities =
    `{ readonly api: '${ctx.snapshot.apiVersion}'; ` +
    (['create', 'update', 'delete', 'query'] as const).map((op) => `readonly ${op}: ${capability(entity, op)}`).join('; ') +
    ' }';
  statements.push({
    kind: StructureKind.Class,
    name,
    isExported: true,
    extends: 'EntityBase',
    docs: [entityDoc(entity)],
    // A checked constructor: EntityBase's takes any object, so new Ticket({ Titel: 'x' }) compiled.
    ctors: [
      {
        parameters: [{ name: 'values', hasQuestionToken: true, type: initType(entity) }],
        statements: ['super(values);'],
        docs: [
          entity.canCreate
            ? `A new ${name}, not bound to a connection, from a complete create input (every required field); \`at.new('${name}', values)\` makes one bound to it.`
            : `A ${name} not bound to a connection, with some of its writable fields (the API does not create one).`,
        ],
      },
    ],
    properties: [
      { name: 'entityName', isStatic: true, isReadonly: true, initializer: `'${name}'` },
      // Typed by reference, so that declarations name the metadata instead of repeating its literal type.
      { name: 'meta', isStatic: true, isReadonly: true, type: `typeof metadata.entities.${name}`, initializer: `metadata.entities.${name}` },
      {
        name: '[entityCapabilities]',
        hasDeclareKeyword: true,
        isReadonly: true,
        type: capabilities,
        docs: [
          'What the API allows on this entity (getEntityInfo), and its API version; `create()`, `update()`, `delete()` compile only where true, and the error quotes the sentence otherwise.',
        ],
      },
      {
        name: '[entityInputs]',
        hasDeclareKeyword: true,
        isReadonly: true,
        type: `{ readonly create: ${name}Create; readonly update: ${name}Update; readonly required: ${nameUnion(entity.fields.filter((f) => f.required || f.name === 'id'))} }`,
        docs: ['The create and update inputs, which say what `set()` may write, and the required fields, which `Stored<' + name + '>` holds.'],
      },
      ...(udfs === undefined
        ? []
        : [
            {
              name: '[entityUdfs]',
              hasDeclareKeyword: true,
              isReadonly: true,
              type: udfs,
              docs: [
                'The user-defined fields as pulled from the tenant: the only names `getUdf()`, `setUdf()`, `get()` and `set()` take beside the fields.',
              ],
            },
          ]),
      ...fieldProps,
    ],
  });

  const writable = entity.fields.filter((f) => !f.readOnly && f.name !== 'id');
  // A field both required and read-only (Contact.AccountID) is set once, on create: the API needs it then.
  const onCreate = entity.fields.filter((f) => f.name !== 'id' && (!f.readOnly || f.required));
  statements.push({
    kind: StructureKind.Interface,
    name: `${name}Create`,
    isExported: true,
    docs: [
      `The fields of a new ${name}: required fields are required (those also read-only are set once, here); other read-only fields are typed by the sentence a compile error quotes.`,
    ],
    properties: [
      ...onCreate.map((f) => signature(entity, f, !f.required, fieldDocShort(f, ctx))),
      ...ruleSignatures(entity, (f) => !onCreate.includes(f), 'ReadOnlyField'),
    ],
  });
  statements.push({
    kind: StructureKind.Interface,
    name: `${name}Update`,
    isExported: true,
    docs: [
      `The fields of an update of a ${name}: \`id\` names the entity; read-only fields, and those set once on create, are typed by the sentence a compile error quotes.`,
    ],
    properties: [
      { name: 'id', isReadonly: true, type: 'number', docs: ['The id of the entity to update.'] },
      ...writable.map((f) => signature(entity, f, true, fieldDocShort(f, ctx))),
      ...ruleSignatures(entity, (f) => f.name !== 'id' && f.readOnly && !f.required, 'ReadOnlyField'),
      ...ruleSignatures(entity, (f) => f.name !== 'id' && f.readOnly && f.required, 'SetOnceField'),
    ],
  });
  statements.push({
    kind: StructureKind.Interface,
    name: `${name}QueryFields`,
    isExported: true,
    docs: [`The queryable fields of ${name} and the type of value a query compares each with.`],
    // No TSDoc per member: editors complete a query's field argument as a string, whose completions
    // show no documentation, and each member's doc is on the class's field.
    properties: entity.fields.filter((f) => f.queryable).map((f) => signature(entity, f, false, undefined)),
  });
  statements.push({
    kind: StructureKind.TypeAlias,
    name: `${name}QueryField`,
    isExported: true,
    docs: [`A queryable field name of ${name}.`],
    type: `keyof ${name}QueryFields`,
  });
  statements.push(...picklistsInterfaces(entity));
  // Only from a live pull (picklist values, UDFs): otherwise labels and UDF names stay any string.
  for (const tenantType of [udfTypeSource(entity), picklistLabelsSource(entity), picklistValuesSource(entity)])
    if (tenantType !== undefined) statements.push(tenantType);
  return { kind: StructureKind.SourceFile, statements };
}

/**
 * An input's members for the fields it does not take, each typed by the sentence a compile error
 * quotes (`Type 'Date' is not assignable to type '"CreateDate is read-only: the API sets it"'`)
 * instead of "does not exist"; the runtime's `InputFieldName` leaves them out of what `set()` and
 * `at.patch()` take.
 */
function ruleSignatures(
  entity: SnapshotEntity,
  which: (field: SnapshotField) => boolean,
  rule: 'ReadOnlyField' | 'SetOnceField',
): OptionalKind<PropertySignatureStructure>[] {
  return entity.fields
    .filter((f) => f.name !== 'id' && which(f))
    .map((f) => ({ name: propertyName(f.name), isReadonly: true, hasQuestionToken: true, type: `${rule}<${quote(f.name)}>` }));
}

/** The fields of an entity whose values are a picklist's (`PicklistValue<...>`, `ChildPicklistValue<...>`). */
function picklistFields(entity: SnapshotEntity): SnapshotField[] {
  return entity.fields.filter((f) => /^(Child)?PicklistValue</.test(fieldType(entity, f)));
}

/** The name of an entity's picklists interface (what `at.picklist()` gives), when it has picklist fields. */
export function picklistsTypeName(entity: SnapshotEntity): string | undefined {
  return picklistFields(entity).length === 0 ? undefined : `${entity.name}Picklists`;
}

/** The name of the picklists interface with any label (`includeInactive: true`), when a live pull typed the labels. */
export function picklistsWithInactiveTypeName(entity: SnapshotEntity): string | undefined {
  return picklistsTypeName(entity) === undefined || labelledPicklistFields(entity).size === 0 ? undefined : `${entity.name}PicklistsWithInactive`;
}

/**
 * `interface <Entity>Picklists`: what `at.picklist(entity)` gives, a member per picklist field, so
 * that editors and compile errors print its name instead of a mapped type's members. Labels are
 * the pulled ones where a live pull gave them; `<Entity>PicklistsWithInactive` takes any label.
 */
function picklistsInterfaces(entity: SnapshotEntity): StatementStructures[] {
  const name = picklistsTypeName(entity);
  if (name === undefined) return [];
  const labelled = labelledPicklistFields(entity);
  const labels = picklistLabelsTypeName(entity);
  const members = (withLabels: boolean): OptionalKind<PropertySignatureStructure>[] =>
    picklistFields(entity).map((f) => {
      const value = fieldType(entity, f);
      const pulled = withLabels && labels !== undefined && labelled.has(f.name) ? `, ${labels}[${quote(f.name)}]` : '';
      return {
        name: propertyName(f.name),
        isReadonly: true,
        type: `${f.picklistParent === undefined ? 'Picklist' : 'ChildPicklist'}<${value}${pulled}>`,
      };
    });
  const withInactive = picklistsWithInactiveTypeName(entity);
  return [
    {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      extends: ['EntityPicklistsBase'],
      docs: [`The picklists of ${entity.name}, as \`at.picklist('${entity.name}')\` gives them: per picklist field, label -> value.`],
      properties: members(true),
    },
    ...(withInactive === undefined
      ? []
      : [
          {
            kind: StructureKind.Interface as const,
            name: withInactive,
            isExported: true,
            extends: ['EntityPicklistsBase'],
            docs: [`The picklists of ${entity.name} with inactive values (\`includeInactive: true\`): any label.`],
            properties: members(false),
          },
        ]),
  ];
}

/** Field names as a union of string literals (`never` for none). */
function nameUnion(fields: readonly SnapshotField[]): string {
  return fields.length === 0 ? 'never' : fields.map((f) => quote(f.name)).join(' | ');
}

const VERB = { create: 'created', update: 'updated', delete: 'deleted', query: 'queried' } as const;

/** `true`, or the sentence a compile error quotes when the API does not allow the operation. */
function capability(entity: SnapshotEntity, op: keyof typeof VERB): string {
  const allowed = entity[`can${op[0]!.toUpperCase()}${op.slice(1)}` as 'canCreate'];
  return allowed ? 'true' : `'${entity.name} cannot be ${VERB[op]} through the API'`;
}

function signature(
  entity: SnapshotEntity,
  field: SnapshotField,
  optional: boolean,
  doc: string | undefined,
): OptionalKind<PropertySignatureStructure> {
  return { name: propertyName(field.name), hasQuestionToken: optional, type: fieldType(entity, field), docs: doc === undefined ? [] : [doc] };
}

/**
 * The TypeScript type of a field in the class and its input and query types: a picklist field's
 * values are its own (`PicklistValue<'Ticket.Status'>`, of the pulled values where a live pull
 * gives them), so that no other field's value, nor any number, can be written into it.
 */
function fieldType(entity: SnapshotEntity, field: SnapshotField): string {
  // A decimal is held as its exact text, which is a number's: '12.50', never 'twelve'.
  if (field.type === 'decimal') return 'NumericText';
  const plain = tsTypeOf(field.type);
  if (!field.picklist || (plain !== 'number' && plain !== 'string')) return plain;
  const values = picklistValuesOf(entity, field) ?? (plain === 'string' ? 'string' : undefined);
  const id = quote(`${entity.name}.${field.name}`);
  const valueArgument = values === undefined ? '' : `, ${values}`;
  return field.picklistParent === undefined
    ? `PicklistValue<${id}${valueArgument}>`
    : `ChildPicklistValue<${id}, ${quote(field.picklistParent)}${valueArgument}>`;
}

/** What the constructor takes, as `at.new(entity, values)` does (runtime/client/connection.ts `NewValues`). */
function initType(entity: SnapshotEntity): string {
  return entity.canCreate ? `${entity.name}Create` : `Partial<${entity.name}Update>`;
}

function entityDoc(entity: SnapshotEntity): string {
  const allowed = (['create', 'update', 'delete', 'query'] as const).filter(
    (op) => entity[`can${op[0]!.toUpperCase()}${op.slice(1)}` as 'canCreate'],
  );
  const lines = [
    `The Autotask ${entity.name} entity.`,
    `The API allows: ${allowed.length === 0 ? 'nothing' : allowed.join(', ')}.` + (entity.hasUserDefinedFields ? ' It has user-defined fields.' : ''),
  ];
  if (entity.source === 'wsdl-only') lines.push('Declared by the WSDL only; the API reports no metadata for it (codegen/README.md).');
  if (entity.source === 'metadata-only') lines.push('Not declared by the WSDL; from the field metadata (codegen/README.md).');
  lines.push('', '@example', '```ts', ...example(entity), '```');
  return lines.join('\n');
}

/** How a program gets one: made with at.new() from its required fields, or read. */
function example(entity: SnapshotEntity): string[] {
  const name = quote(entity.name);
  if (entity.canCreate) {
    const required = entity.fields
      .filter((f) => f.required && f.name !== 'id')
      .map((f) => (propertyName(f.name) === f.name ? f.name : `${quote(f.name)}: value`));
    return [
      `const entity = at.new(${name}, { ${required.join(', ')} }); // ${entity.name}Create: every required field`,
      `const stored = await entity.create(); // Stored<${entity.name}>: its id and required fields hold values`,
    ].map((line) => line.replace('{  }', '{}'));
  }
  if (entity.canQuery) return [`const entity = await at.fetchByIds(${name}, [id]).fetchOne(); // Stored<${entity.name}> | undefined`];
  return [`const entity = at.new(${name}); // the API neither creates nor queries one`];
}
