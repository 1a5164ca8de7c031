import type { ActionOutputDef } from "./definition-schema";
import { describeGuardFailures, evaluateSchema, type GuardFailure } from "./guards";

/**
 * Largest answer an action may hand back as output, in bytes of its body: the output lands
 * in the metadata, which lives in the document's hot row (64 KiB in all), so one answer may
 * take at most half of it.
 */
export const MAX_ACTION_OUTPUT_BYTES = 32 * 1024;

/** What an action's output did to the metadata, for the METADATA_UPDATED event. */
export interface WrittenOutput {
  into: string;
  /** Top-level keys of the answer when it is an object (what the document page lists). */
  fields: string[];
}

export type ActionOutputResult =
  | { ok: true; metadata: Record<string, unknown>; written: WrittenOutput }
  | { ok: false; message: string; failures?: GuardFailure[] };

/** Pure: the decoded segments of a JSON Pointer ("/a~1b/c" → ["a/b", "c"]). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Pure: the body of a webhook's answer as an output value. Only a JSON answer can be output:
 * `application/json` (or `+json`), at most MAX_ACTION_OUTPUT_BYTES, parsing as JSON.
 * `truncated` says the body was longer than what was read.
 */
export function readActionAnswer(answer: {
  contentType: string | null;
  body: string;
  truncated: boolean;
}): { ok: true; value: unknown } | { ok: false; message: string } {
  if (answer.truncated || new TextEncoder().encode(answer.body).length > MAX_ACTION_OUTPUT_BYTES) {
    return {
      ok: false,
      message: `The answer is larger than ${MAX_ACTION_OUTPUT_BYTES} bytes, the most an action's output may be`,
    };
  }
  const mediaType = (answer.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json" && !mediaType.endsWith("+json")) {
    return {
      ok: false,
      message: `The answer is ${mediaType ? `"${mediaType}"` : "untyped"}, not application/json, so it cannot be the action's output`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(answer.body) as unknown };
  } catch {
    return { ok: false, message: "The answer says application/json but is not valid JSON" };
  }
}

/**
 * Pure: checks `value` against the output's schema (the guards' Ajv setup) and writes it at
 * `output.into` in a copy of `metadata`, replacing what was there. Missing objects on the way
 * are created; a non-object on the way (a string at "/a" when writing "/a/b") is a failure,
 * never overwritten. The metadata passed in is not changed.
 */
export function applyActionOutput(metadata: unknown, output: ActionOutputDef, value: unknown): ActionOutputResult {
  if (output.schema) {
    const checked = evaluateSchema(output.schema, value, "output");
    if (!checked.ok) {
      return {
        ok: false,
        message: `The output does not match the action's output schema: ${describeGuardFailures(checked.failures)}`,
        failures: checked.failures,
      };
    }
  }
  const segments = pointerSegments(output.into);
  const root: Record<string, unknown> = isPlainObject(metadata) ? { ...metadata } : {};
  let parent = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i]!;
    const next = parent[key];
    if (next === undefined) {
      parent[key] = {};
    } else if (isPlainObject(next)) {
      parent[key] = { ...next };
    } else {
      const at = `/${segments
        .slice(0, i + 1)
        .map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1"))
        .join("/")}`;
      return { ok: false, message: `The output cannot be written at ${output.into}: ${at} is not an object` };
    }
    parent = parent[key] as Record<string, unknown>;
  }
  parent[segments[segments.length - 1]!] = value;
  return {
    ok: true,
    metadata: root,
    written: { into: output.into, fields: isPlainObject(value) ? Object.keys(value).sort() : [] },
  };
}

/**
 * Pure: the metadata fields a guard's JSON Schema reads, as JSON Pointers: every property it
 * names under `properties`, `required`, `dependentRequired` and `patternProperties`-free
 * subschemas, followed through allOf/anyOf/oneOf/not/if/then/else. A schema that constrains
 * the whole object some other way (additionalProperties, propertyNames) reads "" (all of it).
 */
export function guardFieldPointers(schema: unknown, base = ""): string[] {
  if (!isPlainObject(schema)) return [];
  const out = new Set<string>();
  const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  if (isPlainObject(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      out.add(`${base}/${escape(key)}`);
      for (const p of guardFieldPointers(sub, `${base}/${escape(key)}`)) out.add(p);
    }
  }
  if (Array.isArray(schema.required)) {
    for (const key of schema.required) if (typeof key === "string") out.add(`${base}/${escape(key)}`);
  }
  if (isPlainObject(schema.dependentRequired)) {
    for (const [key, list] of Object.entries(schema.dependentRequired)) {
      out.add(`${base}/${escape(key)}`);
      if (Array.isArray(list)) for (const k of list) if (typeof k === "string") out.add(`${base}/${escape(k)}`);
    }
  }
  if ("additionalProperties" in schema || "propertyNames" in schema || "patternProperties" in schema) out.add(base);
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const sub of list) for (const p of guardFieldPointers(sub, base)) out.add(p);
  }
  for (const keyword of ["not", "if", "then", "else"]) {
    for (const p of guardFieldPointers(schema[keyword], base)) out.add(p);
  }
  return [...out].sort();
}

/** Pure: whether writing at `into` changes what lives at `field` (the same place, inside it, or above it). */
export function pointersOverlap(into: string, field: string): boolean {
  return into === field || into.startsWith(`${field}/`) || field.startsWith(`${into}/`) || field === "";
}
