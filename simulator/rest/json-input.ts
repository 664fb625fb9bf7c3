/**
 * JSON from a client, read without trusting it. The body is already bounded by the HTTP server
 * (10 MB); here its nesting is measured in one linear scan before it is parsed, because V8's
 * JSON.parse of a megabyte of `[` takes seconds of the one thread every client shares. Objects
 * come back as parsed (keys such as `__proto__` or `constructor` are own properties, never the
 * prototype's), and are read only through {@link ownEntries} and {@link member}, which see own
 * keys and nothing of `Object.prototype`.
 */
import { RestRefusal } from './rest-answer.js';

/**
 * The deepest nesting accepted: a filter of 64 nested groups (the most the simulator evaluates,
 * as for SOAP) is about 130 levels deep; anything past this is refused before it is parsed (our
 * choice: no page gives a limit).
 */
export const MAX_JSON_DEPTH = 256;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The deepest nesting of arrays and objects in JSON text, stopping once it passes `limit`; strings are skipped. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses JSON text; a refusal (500, as production answers a malformed `search`: KelvinTegelaar/AutotaskAPI
 * issue #62) names what was wrong: `what` says where the JSON came from.
 */
export function parseJson(text: string, what: string): JsonValue {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new RestRefusal(`The ${what} is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new RestRefusal(`The ${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own keys and values of a parsed object, in order. */
export function ownEntries(object: JsonObject): Array<[string, JsonValue]> {
  return Object.keys(object).map((key) => [key, object[key] as JsonValue]);
}

/**
 * A member by name without regard to case (ASP.NET binds `IncludeFields` and `includeFields`
 * alike); undefined when absent. Two members that differ only in case are refused as ambiguous.
 */
export function member(object: JsonObject, name: string, where: string): JsonValue | undefined {
  const lower = name.toLowerCase();
  let found: JsonValue | undefined;
  let foundKey: string | undefined;
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() !== lower) continue;
    if (foundKey !== undefined) throw new RestRefusal(`The ${where} has both "${foundKey}" and "${key}".`);
    foundKey = key;
    found = object[key] as JsonValue;
  }
  return found;
}

/** A JSON value as a short text for messages (at most 60 characters). */
export function shown(value: JsonValue | undefined): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
