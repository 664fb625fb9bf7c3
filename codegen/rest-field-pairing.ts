/**
 * Pairs a SOAP entity's fields with its REST model's properties by the rules of codegen/README.md
 * ("REST model"), in order: a case-insensitive equal name first, then the listed renames
 * (rest-listed-rules.ts), then the evident renames: the `is` form of a boolean, the terms the
 * entity renames establish (Account -> Company, InstalledProduct -> ConfigurationItem, ...), the
 * `internalCurrency` form of an amount, `Type` as `<entity>Type`, and the SOAP label written as one
 * word. A rule pairs a field only when exactly one unpaired property answers it, that property
 * answers no other field under the same rule, and both hold the same kind of value (integer,
 * real, boolean, date-time, text; the `is` form also takes an integer 0/1 flag): nothing is paired
 * by guesswork, and what stays unpaired is listed.
 */
import type { FieldType, RestFieldType } from 'atws/protocol';
import type { ListedRename } from './rest-listed-rules.js';
import type { SnapshotField } from './snapshot.js';

export type FieldRule = 'case' | 'listed' | 'is-prefix' | 'term' | 'internal-currency' | 'type-field' | 'label';

export interface FieldPair {
  readonly soap: string;
  readonly rest: string;
  readonly type: RestFieldType;
  readonly rule: FieldRule;
  /** What the rule matched: the terms replaced, the label, the listed reason. */
  readonly detail?: string;
}

export interface FieldPairing {
  /** In SOAP wire order. */
  readonly pairs: readonly FieldPair[];
  readonly soapOnly: readonly string[];
  /** Sorted by name. */
  readonly restOnly: ReadonlyArray<{ readonly rest: string; readonly type: RestFieldType }>;
  /** Listed renames of this entity that did not apply, with why not. */
  readonly unusedListed: ReadonlyArray<{ readonly rename: ListedRename; readonly reason: string }>;
}

/** A term two paired entity names establish: the words that differ once shared leading and trailing words are set aside. */
export interface TermRename {
  readonly from: readonly string[];
  readonly to: readonly string[];
}

type Kind = 'integer' | 'real' | 'boolean' | 'datetime' | 'text' | 'structure';

export function soapKind(type: FieldType): Kind {
  switch (type) {
    case 'integer':
    case 'long':
    case 'short':
      return 'integer';
    case 'double':
    case 'float':
    case 'decimal':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'datetime':
      return 'datetime';
    case 'string':
      return 'text';
  }
}

export function restKind(type: RestFieldType): Kind {
  switch (type) {
    case 'int32':
    case 'int64':
      return 'integer';
    case 'double':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'date-time':
      return 'datetime';
    case 'string':
    case 'byte':
      return 'text';
    case 'array':
    case 'object':
      return 'structure';
  }
}

/**
 * Whether a SOAP field and a REST property hold the same kind of value. A field only the WSDL
 * declares has no known type (the snapshot keeps it as text that round-trips), so any kind will do.
 */
export function sameKind(field: SnapshotField, rest: RestFieldType): boolean {
  return field.source === 'wsdl-only' || soapKind(field.type) === restKind(rest);
}

/** The words of a Pascal- or camel-case name: `BillToAccountPhysicalLocationID` -> Bill To Account Physical Location ID. */
export function nameWords(name: string): string[] {
  return name.match(/[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|\d+|[A-Z]+/g) ?? [];
}

/**
 * The term renames that paired entity names establish: CompanyModel <-> Account gives
 * Account -> Company; ContractChargeModel <-> ContractCost gives Cost -> Charge (the shared word
 * Contract set aside); CompanyLocationModel <-> AccountPhysicalLocation gives AccountPhysical -> Company.
 */
export function termRenames(pairs: Iterable<readonly [soapName: string, restName: string]>): TermRename[] {
  const seen = new Map<string, TermRename>();
  for (const [soapName, restName] of pairs) {
    let from = nameWords(soapName);
    let to = nameWords(restName);
    while (from.length > 0 && to.length > 0 && from[0] === to[0]) [from, to] = [from.slice(1), to.slice(1)];
    while (from.length > 0 && to.length > 0 && from[from.length - 1] === to[to.length - 1]) [from, to] = [from.slice(0, -1), to.slice(0, -1)];
    if (from.length === 0 || to.length === 0) continue;
    seen.set(`${from.join('')}>${to.join('')}`, { from, to });
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, term]) => term);
}

/** Every spelling of `words` with any of the terms replaced where they occur as whole words, and the terms used. */
function termVariants(words: readonly string[], terms: readonly TermRename[]): Array<{ name: string; used: string[] }> {
  const out: Array<{ name: string; used: string[] }> = [];
  const walk = (i: number, acc: string[], used: string[]): void => {
    if (out.length > 256) return; // a field name has a handful of words: a bound, never reached
    if (i === words.length) {
      if (used.length > 0) out.push({ name: acc.join(''), used });
      return;
    }
    walk(i + 1, [...acc, words[i] as string], used);
    for (const term of terms) {
      if (term.from.every((w, k) => words[i + k] === w)) {
        walk(i + term.from.length, [...acc, ...term.to], [...used, `${term.from.join('')} -> ${term.to.join('')}`]);
      }
    }
  };
  walk(0, [], []);
  return out;
}

interface Candidate {
  readonly rest: string;
  readonly detail?: string;
}

export interface PairingInput {
  readonly soapFields: readonly SnapshotField[];
  /** The REST model's data properties (no `userDefinedFields`, no server artifacts). */
  readonly restFields: ReadonlyMap<string, RestFieldType>;
  /** The REST model's name without `Model`, e.g. `ConfigurationItem`. */
  readonly restEntityName: string;
  readonly terms: readonly TermRename[];
  readonly listed: readonly ListedRename[];
}

export function pairFields(input: PairingInput): FieldPairing {
  const soapByName = new Map(input.soapFields.map((f) => [f.name, f]));
  const restByLower = new Map<string, string>();
  for (const rest of input.restFields.keys()) {
    const lower = rest.toLowerCase();
    const other = restByLower.get(lower);
    if (other !== undefined) throw new Error(`REST properties ${other} and ${rest} differ only in case`);
    restByLower.set(lower, rest);
  }
  const paired = new Map<string, FieldPair>();
  const restTaken = new Set<string>();

  /**
   * One rule over every unpaired SOAP field: `propose` names the REST spellings that would answer
   * it; a pair is made only where the answer is one free property of the same kind that no other
   * field's proposal names too.
   */
  const applyRule = (
    rule: FieldRule,
    propose: (field: SnapshotField) => Candidate[],
    kindsAgree: (field: SnapshotField, rest: RestFieldType) => boolean = sameKind,
  ): void => {
    const proposals = new Map<string, Candidate[]>();
    const claims = new Map<string, number>();
    for (const field of input.soapFields) {
      if (paired.has(field.name)) continue;
      const found = new Map<string, Candidate>();
      for (const candidate of propose(field)) {
        const rest = restByLower.get(candidate.rest.toLowerCase());
        if (rest === undefined || restTaken.has(rest) || found.has(rest)) continue;
        if (rule !== 'case' && !kindsAgree(field, input.restFields.get(rest) as RestFieldType)) continue;
        found.set(rest, { ...candidate, rest });
      }
      if (found.size === 0) continue;
      proposals.set(field.name, [...found.values()]);
      for (const rest of found.keys()) claims.set(rest, (claims.get(rest) ?? 0) + 1);
    }
    for (const [soap, candidates] of proposals) {
      const only = candidates[0] as Candidate;
      if (candidates.length !== 1 || claims.get(only.rest) !== 1) continue;
      paired.set(soap, {
        soap,
        rest: only.rest,
        type: input.restFields.get(only.rest) as RestFieldType,
        rule,
        ...(only.detail === undefined ? {} : { detail: only.detail }),
      });
      restTaken.add(only.rest);
    }
  };

  applyRule('case', (f) => [{ rest: f.name }]);

  const unusedListed: Array<{ rename: ListedRename; reason: string }> = [];
  const listedBySoap = new Map(input.listed.map((r) => [r.soap, r]));
  for (const rename of input.listed) {
    const field = soapByName.get(rename.soap);
    const rest = restByLower.get(rename.rest.toLowerCase());
    let reason: string | undefined;
    if (field === undefined) reason = `the SOAP entity has no field ${rename.soap}`;
    else if (rest === undefined) reason = `the REST model has no property ${rename.rest}`;
    else if (paired.has(field.name)) reason = `${rename.soap} already pairs with ${paired.get(field.name)?.rest} (${paired.get(field.name)?.rule})`;
    else if (restTaken.has(rest)) reason = `${rest} is already paired`;
    else if (!sameKind(field, input.restFields.get(rest) as RestFieldType))
      reason = `${field.type} and ${input.restFields.get(rest)} hold different kinds of value`;
    if (reason !== undefined) unusedListed.push({ rename, reason });
  }
  applyRule('listed', (f) => {
    const rename = listedBySoap.get(f.name);
    return rename === undefined ? [] : [{ rest: rename.rest, detail: rename.why }];
  });

  // A flag: boolean, or an integer 0/1 as Contact.Active (REST isActive int32 too) and
  // ServiceCall.Complete are; an integer flag may become a REST boolean (the difference is listed).
  const flag = (f: SnapshotField): boolean => f.type === 'boolean' || soapKind(f.type) === 'integer' || f.source === 'wsdl-only';
  applyRule(
    'is-prefix',
    (f) => (flag(f) ? [{ rest: `is${f.name}` }] : []),
    (f, rest) => sameKind(f, rest) || (rest === 'boolean' && flag(f)),
  );

  applyRule('term', (f) =>
    termVariants(nameWords(f.name), input.terms).flatMap((v) => {
      const detail = v.used.join(', ');
      return f.type === 'boolean'
        ? [
            { rest: v.name, detail },
            { rest: `is${v.name}`, detail },
          ]
        : [{ rest: v.name, detail }];
    }),
  );

  applyRule('internal-currency', (f) => (soapKind(f.type) === 'real' ? [{ rest: `internalCurrency${f.name}` }] : []));

  const entityWords = nameWords(input.restEntityName);
  applyRule('type-field', (f) =>
    f.name === 'Type'
      ? entityWords.map((_, i) => ({
          rest: `${entityWords.slice(0, i + 1).join('')}Type`,
          detail: `REST entity ${input.restEntityName}: ${entityWords.slice(0, i + 1).join('')}Type`,
        }))
      : [],
  );

  applyRule('label', (f) => {
    const word = f.label.replace(/[^A-Za-z0-9]/g, '');
    return word === '' ? [] : [{ rest: word, detail: `label "${f.label}"` }];
  });

  const pairs = input.soapFields.flatMap((f) => {
    const pair = paired.get(f.name);
    return pair === undefined ? [] : [pair];
  });
  for (const rename of input.listed) {
    if (paired.get(rename.soap)?.rule !== 'listed' && !unusedListed.some((u) => u.rename === rename)) {
      unusedListed.push({ rename, reason: `${rename.rest} is also proposed for another field` });
    }
  }
  return {
    pairs,
    soapOnly: input.soapFields.filter((f) => !paired.has(f.name)).map((f) => f.name),
    restOnly: [...input.restFields]
      .filter(([rest]) => !restTaken.has(rest))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([rest, type]) => ({ rest, type })),
    unusedListed,
  };
}
