/**
 * Per entity class, what decoding an answer needs, worked out once: each field's index and text
 * decoder, and a `fill` function that copies decoded values onto a fresh instance.
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
import type { FieldType, FieldValue } from '../protocol/metadata.js';
import { decodeFieldValue } from '../protocol/soap/xml/field-codec.js';
import { parseEasternFast } from '../protocol/time/eastern.js';

/** Wire text -> value; undefined leaves the field absent. */
export type TextDecoder = (text: string) => FieldValue | undefined;

export interface EntityFillPlan {
  /** Field name -> index into `decoders` and the scratch row. */
  readonly index: ReadonlyMap<string, number>;
  readonly decoders: readonly TextDecoder[];
  /**
   * Copies `row[i]` (when not undefined) onto `target` as field i, in metadata order, and clears
   * the row for the next entity.
   */
  readonly fill: (target: object, row: Array<FieldValue | undefined>) => void;
  /** A scratch row of the plan's width, reused entity after entity. */
  readonly row: Array<FieldValue | undefined>;
}

/**
 * A copy of a string that does not pin the text it was cut from. saxes hands out slices of the
 * 64 KiB chunk being parsed, and V8 keeps a slice of 13+ characters as a view on its parent, so
 * one kept field value would keep a whole chunk (and so the whole page's text) alive and make the
 * young-generation GC copy and promote it. Concatenating then slicing forces a flat copy.
 */
export function detachedString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

// The API pads empty strings to one space; the seed reads them as ''.
const decodeString: TextDecoder = (text) => (text === ' ' ? '' : detachedString(text));

/**
 * Plain optionally-signed decimal integers of up to 15 digits (exact in a double, so the same
 * number as `Number(text)`), read without a regex; others take the general path.
 */
function integerDecoder(type: FieldType): TextDecoder {
  return (text) => {
    const length = text.length;
    if (length === 0) return undefined;
    const negative = text.charCodeAt(0) === 45; /* - */
    if (length - (negative ? 1 : 0) <= 15) {
      let i = negative ? 1 : 0;
      if (i < length) {
        let n = 0;
        for (; i < length; i++) {
          const digit = text.charCodeAt(i) - 48;
          if (digit < 0 || digit > 9) break;
          n = n * 10 + digit;
        }
        if (i === length) return negative ? -n : n;
      }
    }
    return decodeFieldValue(type, text);
  };
}

function textDecoderOf(type: FieldType): TextDecoder {
  switch (type) {
    case 'string':
      return decodeString;
    case 'integer':
    case 'short':
    case 'long':
      return integerDecoder(type);
    case 'datetime':
      return (text) => (text === '' ? undefined : (parseEasternFast(text) ?? decodeFieldValue(type, text)));
    case 'boolean':
      return (text) => (text === 'true' ? true : text === 'false' ? false : text === '' ? undefined : decodeFieldValue(type, text));
    default:
      return (text) => (text === '' ? undefined : decodeFieldValue(type, text));
  }
}

function compileFill(names: readonly string[]): EntityFillPlan['fill'] | undefined {
  // JSON.stringify makes each name a string literal, whatever characters it holds.
  const body = names
    .map((name, i) => `v = r[${i}]; if (v !== undefined) { o[${JSON.stringify(name)}] = v; r[${i}] = undefined; }`)
    .join('\n');
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
    const fields = Object.values(cls.meta.fields);
    const names = fields.map((f) => f.name);
    plan = {
      index: new Map(names.map((name, i) => [name, i])),
      decoders: fields.map((f) => textDecoderOf(f.type)),
      fill: compileFill(names) ?? loopFill(names),
      row: new Array<FieldValue | undefined>(names.length).fill(undefined),
    };
    plans.set(cls, plan);
  }
  return plan;
}
