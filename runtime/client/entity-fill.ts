/**
 * Per entity class, what decoding an answer needs, worked out once: each field's index, its
 * decoder from the wire's form (per wire: the transport's `FieldDecoding`), and a `fill` function
 * that copies decoded values onto a fresh instance.
 *
 * Why a generated `fill`: V8 turns an object into a slow dictionary-mode object once more than
 * about a dozen properties are added to it through computed keys (`entity[name] = v`), which is
 * how a loop over the answer's fields would add them. A ticket has 25+ fields; as a dictionary it
 * takes four times the memory and is slower to build and to read. `fill` is compiled once per class
 * from the generated metadata with one literal-key store per field (`o["Title"] = ...`), which
 * keeps instances fast, compact and sharing hidden classes; property order stays metadata (wire)
 * order. Where code generation is disabled (`--disallow-code-generation-from-strings`), a plain
 * loop does the same job, slower.
 */
import type { EntityClass } from '../entity/entity-base.js';
import type { FieldValue } from '../protocol/metadata.js';
import type { FieldDecoder, FieldDecoding } from './transport/wire-entity.js';

export interface EntityFillPlan {
  /** Field name -> index into a wire's decoders (`decodersOf`) and the scratch row. */
  readonly index: ReadonlyMap<string, number>;
  /**
   * Copies `row[i]` (when not undefined) onto `target` as field i, in metadata order, and clears
   * the row for the next entity.
   */
  readonly fill: (target: object, row: Array<FieldValue | undefined>) => void;
  /** A scratch row of the plan's width, reused entity after entity. */
  readonly row: Array<FieldValue | undefined>;
}

function compileFill(names: readonly string[]): EntityFillPlan['fill'] | undefined {
  // JSON.stringify makes each name a string literal, whatever characters it holds.
  const body = names.map((name, i) => `v = r[${i}]; if (v !== undefined) { o[${JSON.stringify(name)}] = v; r[${i}] = undefined; }`).join('\n');
  try {
    return new Function('o', 'r', `let v;\n${body}`) as EntityFillPlan['fill'];
  } catch {
    return undefined;
  }
}

function loopFill(names: readonly string[]): EntityFillPlan['fill'] {
  return (target, row) => {
    const o = target as Record<string, FieldValue>;
    for (let i = 0; i < names.length; i++) {
      const v = row[i];
      if (v !== undefined) {
        o[names[i] as string] = v;
        row[i] = undefined;
      }
    }
  };
}

const plans = new WeakMap<EntityClass, EntityFillPlan>();

/** The decode plan of an entity class, made on first use. */
export function fillPlanOf(cls: EntityClass): EntityFillPlan {
  let plan = plans.get(cls);
  if (plan === undefined) {
    const names = Object.values(cls.meta.fields).map((f) => f.name);
    plan = {
      index: new Map(names.map((name, i) => [name, i])),
      fill: compileFill(names) ?? loopFill(names),
      row: new Array<FieldValue | undefined>(names.length).fill(undefined),
    };
    plans.set(cls, plan);
  }
  return plan;
}

const decoderSets = new WeakMap<FieldDecoding<never>, WeakMap<EntityClass, readonly FieldDecoder<never>[]>>();

/** Each field's decoder from a wire's form, in the plan's order; made once per class and wire. */
export function decodersOf<W>(cls: EntityClass, decoding: FieldDecoding<W>): readonly FieldDecoder<W>[] {
  let byClass = decoderSets.get(decoding);
  if (byClass === undefined) {
    byClass = new WeakMap();
    decoderSets.set(decoding, byClass);
  }
  let decoders = byClass.get(cls) as readonly FieldDecoder<W>[] | undefined;
  if (decoders === undefined) {
    decoders = Object.values(cls.meta.fields).map((f) => decoding.decoderOf(f.type));
    byClass.set(cls, decoders);
  }
  return decoders;
}
