/**
 * The work of `atws query`: building the query of the command line against the connection's
 * metadata, connecting (to Autotask or an embedded simulator) and streaming the results. Loaded
 * only when the command runs, so that `atws --help` does not load the client.
 */
import { connect, type ConnectOptions } from '../client/connect.js';
import type { Connection } from '../client/connection.js';
import type { TransportName } from '../client/connection-options.js';
import { UsageError } from '../protocol/errors.js';
import type { CanQuery, EntityBase } from '../entity/entity-base.js';
import type { ApiVersion, EntityMeta, FieldMeta, FieldValue } from '../protocol/metadata.js';
import { Query } from '../query/query.js';
import {
  normalizeOperator,
  OPERATOR_DATA_TYPES,
  operatorAllowedOn,
  operatorDataTypeOf,
  operatorTakesValue,
  QUERY_OPERATORS,
  type QueryOperator,
} from '../protocol/query/operators.js';
import { didYouMean } from '../client/did-you-mean.js';
import { parseEastern } from '../protocol/time/eastern.js';
import { formatRow, RowWriter } from './query-output.js';
import { suggestOperator } from './operator-suggestion.js';
import { inFlagTerms } from './cli-flag-names.js';
import { QueryProgress } from './query-progress.js';
import { defaultColumns, parseFields, picklistLabels, udfNames, valueOfLabel, withLabels, type Column, type InfoSource } from './query-columns.js';
import { SIMULATOR, loadOptional, type SimulatorApi } from './optional-packages.js';
import type { QueryCommandOptions, QueryCommandPlan } from './query-plan.js';

/** One `--where`/`--or` condition: `<field> <operator> [value]`, a field named `udf:<name>` being a UDF. */
export interface ConditionSpec {
  readonly field: string;
  readonly udf: boolean;
  readonly operator: QueryOperator;
  readonly value: string | undefined;
}

/**
 * The value of a condition, from the text after its operator: all of it, spaces included
 * (`Title Equals Printer offline #26`), or, when it starts with a quote, what the quotes enclose
 * (`'Printer offline #26'`, `"it's"`; a quote of the same kind inside is doubled: `'it''s'`), so
 * that a value may keep leading or trailing spaces, or be empty.
 */
function conditionValue(condition: string, rest: string): string {
  const quote = rest[0];
  if (quote !== "'" && quote !== '"') return rest;
  let value = '';
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i] as string;
    if (c !== quote) {
      value += c;
      continue;
    }
    if (rest[i + 1] === quote) {
      value += quote;
      i++;
      continue;
    }
    if (rest.slice(i + 1).trim() !== '') {
      throw new UsageError(
        `--where "${condition}": text after the closing ${quote} of the value; quote the whole value, doubling a ${quote} inside it (${quote}it${quote}${quote}s${quote})`,
      );
    }
    return value;
  }
  throw new UsageError(
    `--where "${condition}": the value opens with ${quote} but does not close; end it with ${quote} (or leave the quotes out: the rest of the condition is the value)`,
  );
}

/**
 * Splits `Title Contains printer offline` at its first operator word; the field may hold spaces
 * (UDF names), the value is the rest, or what its quotes enclose (`Title Equals 'Printer offline'`).
 */
export function parseCondition(text: string): ConditionSpec {
  const words = [...text.matchAll(/\S+/g)];
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as RegExpMatchArray;
    const operator = normalizeOperator(word[0]);
    if (operator === undefined) continue;
    const rawField = text.slice(0, word.index).trim();
    const udf = /^udf:/i.test(rawField);
    const field = udf ? rawField.slice(4).trim() : rawField;
    const rest = text.slice((word.index ?? 0) + word[0].length).trim();
    if (operatorTakesValue(operator) && rest === '') throw new UsageError(`--where "${text}": ${operator} needs a value`);
    if (!operatorTakesValue(operator) && rest !== '') throw new UsageError(`--where "${text}": ${operator} takes no value`);
    return { field, udf, operator, value: operatorTakesValue(operator) ? conditionValue(text, rest) : undefined };
  }
  for (let i = 1; i < words.length; i++) {
    const suggestion = suggestOperator((words[i] as RegExpMatchArray)[0]);
    if (suggestion !== undefined) {
      throw new UsageError(`--where "${text}": "${(words[i] as RegExpMatchArray)[0]}" is no operator; did you mean ${suggestion}?`);
    }
  }
  throw new UsageError(`--where "${text}": expected "<field> <operator> <value>", e.g. "Status Equals 5"`);
}

/**
 * The typed value of a condition's text, by the field's type in the metadata; a picklist field
 * takes its value or its label (`Status Equals Complete`), looked up through GetFieldInfo.
 */
async function typedValue(meta: EntityMeta, spec: ConditionSpec, info: InfoSource, text: string): Promise<FieldValue | undefined> {
  if (spec.udf) return spec.value;
  const field = meta.fields[spec.field] as FieldMeta;
  const dataType = operatorDataTypeOf(field.type);
  // Before the value: a picklist label or a number cannot make a wrong operator right.
  if (dataType !== undefined && !operatorAllowedOn(spec.operator, field.type)) {
    const kind = { string: 'a text', numeric: 'a number', datetime: 'a date', boolean: 'a true/false' }[dataType];
    const allowed = QUERY_OPERATORS.filter((op) => (OPERATOR_DATA_TYPES[op] as readonly string[]).includes(dataType));
    throw new UsageError(
      `--where "${text}": ${spec.operator} does not apply to ${meta.name}.${field.name}, ${kind} field${field.picklist ? ' (a picklist)' : ''}; its operators: ${allowed.join(', ')}`,
    );
  }
  if (spec.value === undefined) return undefined;
  switch (field.type) {
    case 'integer':
    case 'long':
    case 'short':
    case 'double':
    case 'float': {
      if (field.picklist && !/^\s*-?\d+\s*$/.test(spec.value)) return Number(await valueOfLabel(info, meta.name, field.name, spec.value));
      const n = Number(spec.value);
      if (!Number.isFinite(n) || spec.value.trim() === '') throw new UsageError(`${meta.name}.${field.name} is a number; got "${spec.value}"`);
      return n;
    }
    case 'boolean': {
      const lower = spec.value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new UsageError(`${meta.name}.${field.name} is true or false; got "${spec.value}"`);
      return lower === 'true';
    }
    case 'datetime':
      try {
        return parseEastern(spec.value);
      } catch (cause) {
        throw new UsageError(`${meta.name}.${field.name} is a date ("2024-03-10 14:00:00", US Eastern, or ISO with Z); got "${spec.value}"`, {
          cause,
        });
      }
    default:
      return field.picklist ? valueOfLabel(info, meta.name, field.name, spec.value).catch(() => spec.value) : spec.value;
  }
}

/** Builds the query of the command line; entity and fields checked against the connection's metadata. */
/** A query whose entity and fields are only known at run time (checked against the metadata instead). */
type RuntimeEntityMap = Record<string, { readonly entity: EntityBase & CanQuery; readonly queryFields: Record<string, FieldValue> }>;
type RuntimeQuery = Query<string, RuntimeEntityMap>;
type LooseAdd = (field: string, operator: QueryOperator, value?: FieldValue, options?: { udf: true }) => RuntimeQuery;

export async function buildQuery(
  metadata: { readonly entities: { readonly [name: string]: EntityMeta } },
  entity: string,
  options: Pick<QueryCommandOptions, 'where' | 'or'>,
  info: InfoSource,
): Promise<RuntimeQuery> {
  const meta = metadata.entities[entity];
  if (meta === undefined) throw new UsageError(`No entity type "${entity}"${didYouMean(entity, Object.keys(metadata.entities))}`);
  const query: RuntimeQuery = new Query<string, RuntimeEntityMap>(entity);
  let udfs: readonly string[] | undefined;
  const add = async (text: string, method: LooseAdd): Promise<void> => {
    let spec = parseCondition(text);
    // A name that is no field is a UDF's, as in --fields; udf:<name> says so outright.
    if (!spec.udf && !Object.hasOwn(meta.fields, spec.field)) {
      udfs ??= await udfNames(info, meta.name);
      if (!udfs.includes(spec.field)) {
        throw new UsageError(
          `--where "${text}": ${meta.name} has no field "${spec.field}" and no UDF of that name${didYouMean(spec.field, [...Object.keys(meta.fields), ...udfs])}`,
        );
      }
      spec = { ...spec, udf: true };
    }
    const value = await typedValue(meta, spec, info, text);
    if (spec.udf) method.call(query, spec.field, spec.operator, value, { udf: true });
    else method.call(query, spec.field, spec.operator, value);
  };
  for (const text of options.where) await add(text, query.and as LooseAdd);
  for (const text of options.or) await add(text, query.or as LooseAdd);
  if (options.where.length + options.or.length === 0) query.where('id', 'GreaterThan', 0);
  return query;
}

/** What {@link runQuery} wrote: how many entities, and whether `stop` cut it short. */
export interface QueryRun {
  readonly count: number;
  readonly interrupted: boolean;
}

/**
 * Streams the results to `out`, honouring back-pressure. When `stop` is aborted (Ctrl-C), the
 * results so far are completed as a whole document (JSON's closing bracket, a table's count) and
 * the progress line is cleared, without waiting for the page in flight.
 */
export async function runQuery(
  at: Connection<ApiVersion, TransportName>,
  entity: string,
  options: QueryCommandOptions,
  out: NodeJS.WritableStream,
  progressTo: { readonly isTTY?: boolean; write(text: string): unknown } = process.stderr,
  stop?: AbortSignal,
): Promise<QueryRun> {
  const info = at as unknown as InfoSource;
  const query = await buildQuery(at.metadata, entity, options, info);
  const meta = (at.metadata.entities as { readonly [name: string]: EntityMeta })[entity] as EntityMeta;
  let columns: readonly Column[] | undefined;
  if (options.fields !== undefined) columns = await parseFields(options.fields, meta, info);
  else if (options.format !== 'json') columns = await defaultColumns(options.format, meta, info);
  // JSON without --fields carries every UDF of the entity, null where a row has no value.
  const allUdfs = options.format === 'json' && columns === undefined ? await udfNames(info, entity) : [];
  // A table is for a person: picklists show their labels there; CSV and JSON their values unless asked.
  const labels = options.labels === true || options.format === 'table' ? await picklistLabels(info, entity) : undefined;
  const writer = new RowWriter(options.format, entity, columns, out);
  const progress = new QueryProgress(progressTo, entity);
  let count = 0;
  const cursor = (at as unknown as { query(q: RuntimeQuery): AsyncIterable<EntityBase> }).query(query);
  const results = cursor[Symbol.asyncIterator]();
  const stopped = new Promise<'stopped'>((resolve) => {
    if (stop?.aborted === true) resolve('stopped');
    stop?.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  let interrupted = false;
  try {
    for (;;) {
      const next = await Promise.race([results.next(), stopped]);
      if (next === 'stopped') {
        interrupted = true;
        break;
      }
      if (next.done === true) break;
      const found = next.value;
      let row = formatRow(found);
      if (allUdfs.length > 0) {
        const own = (row['UserDefinedFields'] ?? {}) as Record<string, unknown>;
        row = { ...row, UserDefinedFields: Object.fromEntries(allUdfs.map((u) => [u, own[u] ?? null])) };
      }
      await writer.write(labels === undefined ? row : withLabels(row, labels));
      count++;
      progress.update(count);
      if (options.limit !== undefined && count >= options.limit) break;
    }
  } finally {
    progress.end();
  }
  // Ends the cursor (a stopped one may still wait for its page: not awaited).
  results.return?.().catch(() => undefined);
  await writer.end(interrupted);
  return { count, interrupted };
}

/** Runs the checked command line: connects, streams the results to stdout, and closes what it opened. */
export async function executeQueryCommand(entity: string, plan: QueryCommandPlan): Promise<void> {
  const { apiVersion, transport, source, options } = plan;
  let stopSim: (() => Promise<void>) | undefined;
  try {
    let at: Connection<ApiVersion, TransportName>;
    if (source.sim) {
      const { startSimulator } = await loadOptional<SimulatorApi>(SIMULATOR, 'atws query --sim');
      const sim = await startSimulator({ tickets: source.tickets });
      stopSim = () => sim.close();
      at = await connect({
        username: sim.options.username,
        password: sim.options.password,
        integrationCode: sim.options.integrationCode,
        apiVersion,
        transport,
        // The embedded simulator serves both wires over one tenant: the same rows either way.
        url: transport === 'rest' ? sim.restUrl : sim.asmxUrl(apiVersion),
      });
    } else {
      const { sim: _sim, ...login } = source;
      at = await connect({ ...login, apiVersion, transport } as ConnectOptions<ApiVersion>).catch((error: unknown) => {
        throw inFlagTerms(error);
      });
    }
    // Ctrl-C ends the output cleanly, then the command: status 130, as a shell reports SIGINT.
    // A second Ctrl-C finds no handler and ends the process at once.
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    let run: QueryRun;
    try {
      run = await runQuery(at, entity, options, process.stdout, process.stderr, stop.signal);
    } finally {
      at.close();
    }
    if (run.interrupted) {
      console.error(`atws query: interrupted after ${run.count.toLocaleString('en-US')} ${entity}`);
      process.exit(130);
    }
  } finally {
    await stopSim?.();
  }
}
