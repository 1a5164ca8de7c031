import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

/** One reason a guard refused the document metadata. */
export interface GuardFailure {
  /** JSON Pointer into the metadata ("/invoiceNumber", "/lines/0/amount"); "" is the whole object. */
  path: string;
  message: string;
}

export type GuardResult = { ok: true } | { ok: false; failures: GuardFailure[] };

type Compiled =
  | { ok: true; validate: ValidateFunction }
  /** isUncheckable: this runtime may not compile code (a browser page whose CSP forbids eval). */
  | { ok: false; error: string; isUncheckable?: boolean };

/*
 * One Ajv instance for all guards. Options chosen so compiling is safe for any schema an
 * author saves: unknown keywords are errors (strictSchema) rather than silently ignored;
 * no console output (logger: false); schemas are never registered by $id
 * (addUsedSchema: false), so two workflows may both use `"$id": "x"`; and nothing is
 * ever fetched ($ref to another document fails to compile).
 */
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  logger: false,
  addUsedSchema: false,
  validateFormats: true,
});
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/);
ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat("uri", /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
ajv.addFormat("uuid", /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/);

/** Compiled guards keyed by the schema object itself: a definition is compiled once per load. */
const cache = new WeakMap<object, Compiled>();

function compile(schema: object): Compiled {
  const cached = cache.get(schema);
  if (cached) return cached;
  // Compile a copy without the top-level $id: the id only names the schema, and removing
  // a schema by an author-chosen id could unregister Ajv's own meta-schema.
  const copy: Record<string, unknown> = { ...schema };
  delete copy.$id;
  let compiled: Compiled;
  try {
    const validate = ajv.compile(copy);
    compiled = (validate as { $async?: unknown }).$async
      ? { ok: false, error: "async schemas ($async) are not supported in guards" }
      : { ok: true, validate };
  } catch (error) {
    // Ajv compiles schemas to functions; under a Content-Security-Policy without
    // 'unsafe-eval' (our pages) that throws EvalError, which says nothing about the schema.
    compiled = {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      ...(error instanceof EvalError ? { isUncheckable: true } : {}),
    };
  } finally {
    // Ajv keeps a strong reference to every compiled schema; drop it so only our WeakMap
    // holds the result and definitions can be garbage-collected.
    ajv.removeSchema(copy);
  }
  cache.set(schema, compiled);
  return compiled;
}

/**
 * Pure: null if the guard schema compiles, else the reason it does not (for graph validation).
 * Where schemas cannot be compiled at all (a browser page under our CSP), only a structural
 * check (structuralSchemaError); the server, which publishes and evaluates, judges the rest.
 */
export function guardSchemaError(schema: object): string | null {
  const compiled = compile(schema);
  if (compiled.ok) return null;
  return compiled.isUncheckable ? structuralSchemaError(schema) : compiled.error;
}

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMAS = ["not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames"];

/**
 * Pure: the mistakes a schema can be checked for without compiling it (where Ajv cannot run):
 * `type` names, `required` lists, and the same in every subschema. Ajv, on the server,
 * checks the rest when the definition is saved and published.
 */
export function structuralSchemaError(schema: unknown, at = "#"): string | null {
  if (typeof schema === "boolean") return null;
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return `${at} must be an object`;
  const s = schema as Record<string, unknown>;
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  for (const type of types)
    if (typeof type !== "string" || !JSON_TYPES.has(type))
      return `${at}/type must be one of ${[...JSON_TYPES].join(", ")}`;
  if (s.required !== undefined && (!Array.isArray(s.required) || s.required.some((r) => typeof r !== "string")))
    return `${at}/required must be an array of strings`;
  for (const key of ["properties", "patternProperties", "$defs"]) {
    const map = s[key];
    if (map === undefined) continue;
    if (typeof map !== "object" || map === null || Array.isArray(map)) return `${at}/${key} must be an object`;
    for (const [name, sub] of Object.entries(map)) {
      const problem = structuralSchemaError(sub, `${at}/${key}/${name}`);
      if (problem) return problem;
    }
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = s[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${at}/${key} must be an array`;
    for (const [i, sub] of list.entries()) {
      const problem = structuralSchemaError(sub, `${at}/${key}/${i}`);
      if (problem) return problem;
    }
  }
  for (const key of SUBSCHEMAS) {
    if (s[key] === undefined) continue;
    const problem = structuralSchemaError(s[key], `${at}/${key}`);
    if (problem) return problem;
  }
  return null;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function toFailure(error: ErrorObject): GuardFailure {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return { path: `${error.instancePath}/${escapePointer(params.missingProperty)}`, message: "is required" };
  }
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return { path: `${error.instancePath}/${escapePointer(params.additionalProperty)}`, message: "is not allowed" };
  }
  return { path: error.instancePath, message: error.message ?? `fails "${error.keyword}"` };
}

/**
 * Pure (the compiled validator is memoised per schema object): checks document metadata
 * against a guard's JSON Schema. Missing metadata (null/undefined) is checked as `{}` so
 * `required` still bites. Never throws: a schema that does not compile is a failure at "".
 */
export function evaluateGuard(schema: object, metadata: unknown): GuardResult {
  return evaluateSchema(schema, metadata === null || metadata === undefined ? {} : metadata, "guard");
}

/**
 * Pure (memoised like evaluateGuard, same Ajv setup): checks any JSON value against a JSON
 * Schema, as is; an action's output schema is checked this way. Never throws.
 */
export function evaluateSchema(schema: object, subject: unknown, what = "schema"): GuardResult {
  const compiled = compile(schema);
  if (!compiled.ok)
    return { ok: false, failures: [{ path: "", message: `${what} schema is invalid: ${compiled.error}` }] };
  if (compiled.validate(subject)) return { ok: true };
  const failures: GuardFailure[] = [];
  const seen = new Set<string>();
  for (const error of compiled.validate.errors ?? []) {
    const failure = toFailure(error);
    const id = `${failure.path}\u0000${failure.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    failures.push(failure);
  }
  return { ok: false, failures };
}

/** Pure: "/invoiceNumber is required; /amount must be number" — one line for messages. */
export function describeGuardFailures(failures: readonly GuardFailure[]): string {
  return failures.map((f) => `${f.path || "metadata"} ${f.message}`).join("; ");
}
