/**
 * Emits the tenant's own names as types, from what a live pull put in the snapshot: per entity,
 * `<Entity>Udfs` (the user-defined fields, name -> the type a query compares the UDF with) and
 * `<Entity>PicklistLabels` (field -> the union of its active labels; a child picklist's field ->
 * parent label -> its labels). A snapshot without picklist values or UDFs (made from field
 * metadata files, as the package's own generated/ is) gets neither, and its labels and UDF names
 * stay any string: the package's own types are no stricter for carrying this.
 */
import type { SnapshotEntity, SnapshotField, SnapshotPicklistValue } from './snapshot.js';
import { docText, tsTypeOf } from './gen-context.js';
import { propertyName, quote } from './ts-literal.js';

/**
 * A picklist with more labels than this stays typed as any string: a union that long helps no one
 * choose in an editor, and each such union is text every consumer's compiler parses.
 */
export const MAX_TYPED_LABELS = 1000;

/** The name of an entity's UDF type, when the snapshot lists its UDFs (a live pull). */
export function udfTypeName(entity: SnapshotEntity): string | undefined {
  return entity.udfs === undefined ? undefined : `${entity.name}Udfs`;
}

/** The name of an entity's picklist label type, when the snapshot holds labels for some picklist of it. */
export function picklistLabelsTypeName(entity: SnapshotEntity): string | undefined {
  return labelMembers(entity).length === 0 ? undefined : `${entity.name}PicklistLabels`;
}

/** The name of an entity's picklist value type, when the snapshot holds the values of some picklist of it. */
export function picklistValuesTypeName(entity: SnapshotEntity): string | undefined {
  return entity.fields.some((f) => valuesUnion(f) !== undefined) ? `${entity.name}PicklistValues` : undefined;
}

/** `<Entity>PicklistValues['<field>']`, the union of a picklist field's pulled values; undefined without a pull. */
export function picklistValuesOf(entity: SnapshotEntity, field: SnapshotField): string | undefined {
  return valuesUnion(field) === undefined ? undefined : `${entity.name}PicklistValues[${quote(field.name)}]`;
}

/**
 * `interface <Entity>PicklistValues { ... }`: per picklist field, every value the tenant has, active
 * or not (a stored entity may hold a value since made inactive); undefined without a live pull.
 */
export function picklistValuesSource(entity: SnapshotEntity): string | undefined {
  const name = picklistValuesTypeName(entity);
  if (name === undefined) return undefined;
  const members: string[] = [];
  for (const field of entity.fields) {
    const union = valuesUnion(field);
    if (union !== undefined) members.push(`  readonly ${propertyName(field.name)}: ${union};`);
  }
  return [
    `/** The values of the picklist fields of ${entity.name} as pulled from the tenant (inactive ones included: a stored entity may hold one). */`,
    `export interface ${name} {`,
    ...members,
    '}',
  ].join('\n');
}

/** The pulled values of a picklist field as a union of literals; undefined when there are none, too many, or not of the field's type. */
function valuesUnion(field: SnapshotField): string | undefined {
  if (!field.picklist || field.picklistValues === undefined || field.picklistValues.length === 0) return undefined;
  const values = [...new Set(field.picklistValues.map((v) => v.value))];
  if (values.length > MAX_TYPED_LABELS) return undefined;
  const type = tsTypeOf(field.type);
  if (type === 'number' && field.type !== 'decimal') {
    if (!values.every((v) => /^-?\d+$/.test(v.trim()))) return undefined;
    return values.map((v) => String(Number(v))).join(' | ');
  }
  return type === 'string' && field.type === 'string' ? values.map(quote).join(' | ') : undefined;
}

/** `interface <Entity>Udfs { ... }`, or undefined when the snapshot does not list the entity's UDFs. */
export function udfTypeSource(entity: SnapshotEntity): string | undefined {
  const name = udfTypeName(entity);
  if (name === undefined) return undefined;
  const lines = [
    `/** The user-defined fields of ${entity.name} as pulled from the tenant: the names \`get\`/\`set\`, \`getUdf\`/\`setUdf\` and \`{ udf: true }\` conditions take, each with its data type (and a picklist UDF's values), which type the text it holds and what a query compares it with. */`,
    `export interface ${name} {`,
  ];
  for (const udf of entity.udfs ?? []) {
    const length = udf.length > 0 ? `, max length ${udf.length}` : '';
    const values = udf.picklistValues ?? [];
    // A picklist UDF holds a value (as text), not a label: the doc pairs them.
    const list =
      values.length === 0
        ? ''
        : ` Values: ${values.map((v) => `${docText(v.value)} ${docText(v.label)}${v.isActive ? '' : ' (inactive)'}`).join(', ')}.`;
    const union =
      values.length === 0 || values.length > MAX_TYPED_LABELS ? '' : `, ${[...new Set(values.map((v) => v.value))].map(quote).join(' | ')}`;
    lines.push(
      `  /** ${docText(udf.label)}: ${udf.type}${length}.${list} */`,
      `  readonly ${propertyName(udf.name)}: UdfField<'${udf.type}'${union}>;`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}

/** `interface <Entity>PicklistLabels { ... }`, or undefined when no picklist of the entity has pulled labels. */
export function picklistLabelsSource(entity: SnapshotEntity): string | undefined {
  const name = picklistLabelsTypeName(entity);
  if (name === undefined) return undefined;
  return [
    `/** The picklist labels of ${entity.name} as pulled from the tenant (active values); a child picklist's by its parent's label. */`,
    `export interface ${name} {`,
    ...labelMembers(entity),
    '}',
  ].join('\n');
}

/** The fields of an entity whose labels `<Entity>PicklistLabels` holds (a live pull's). */
export function labelledPicklistFields(entity: SnapshotEntity): ReadonlySet<string> {
  const fields = new Set<string>();
  labelMembers(entity, fields);
  return fields;
}

function labelMembers(entity: SnapshotEntity, labelled = new Set<string>()): string[] {
  const byName = new Map(entity.fields.map((f) => [f.name, f] as const));
  const members: string[] = [];
  for (const field of entity.fields) {
    if (!field.picklist || field.picklistValues === undefined) continue;
    if (field.picklistParent === undefined) {
      const labels = activeLabels(field.picklistValues);
      if (labels.length > MAX_TYPED_LABELS) continue;
      members.push(`  readonly ${propertyName(field.name)}: ${union(labels)};`);
      labelled.add(field.name);
      continue;
    }
    const parent = byName.get(field.picklistParent);
    if (parent?.picklistValues === undefined) continue;
    const groups = childGroups(field, parent);
    if (groups.size > MAX_TYPED_LABELS || [...groups.values()].some((labels) => labels.length > MAX_TYPED_LABELS)) continue;
    members.push(`  readonly ${propertyName(field.name)}: {`);
    for (const [parentLabel, labels] of groups) members.push(`    readonly ${propertyName(parentLabel)}: ${union(labels)};`);
    members.push('  };');
    labelled.add(field.name);
  }
  return members;
}

/**
 * Parent label -> its children's labels, as runtime/client/picklists.ts builds a child picklist:
 * active parents, the first parent of a label winning, active children whose parentValue is it.
 */
function childGroups(field: SnapshotField, parent: SnapshotField): Map<string, string[]> {
  const children = (field.picklistValues ?? []).filter((v) => v.isActive);
  const groups = new Map<string, string[]>();
  for (const p of (parent.picklistValues ?? []).filter((v) => v.isActive)) {
    if (groups.has(p.label)) continue;
    groups.set(p.label, activeLabels(children.filter((c) => c.parentValue === p.value)));
  }
  return groups;
}

/** The active labels in the API's order, each once. */
function activeLabels(values: readonly SnapshotPicklistValue[]): string[] {
  return [...new Set(values.filter((v) => v.isActive).map((v) => v.label))];
}

function union(labels: readonly string[]): string {
  return labels.length === 0 ? 'never' : labels.map(quote).join(' | ');
}
