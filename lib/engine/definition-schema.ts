import * as z from "zod";
import { roleSchema, type Role } from "./roles";

export type { Role };

/** Keys of states and transitions: stable identifiers used in URLs, history and the API. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const MAX_KEY_LENGTH = 64;
/** The `from` entry meaning "any non-terminal state". */
export const ANY_STATE = "*";
/** Longest retry delay accepted anywhere (366 days, AWS Step Functions' MaxDelaySeconds limit). */
export const MAX_RETRY_DELAY_MS = 31_622_400_000;
export const MAX_STATES = 500;
export const MAX_TRANSITIONS = 2000;
export const MAX_LABEL_LENGTH = 200;

/** The choices a definition offers, in the order editors list them. */
export const STATE_KINDS = ["initial", "normal", "terminal", "error"] as const;
export const ACTION_TYPES = ["webhook", "noop"] as const;
export const RETRY_STRATEGIES = ["fixed", "linear", "exponential"] as const;
export const JITTER_MODES = ["none", "full", "equal"] as const;
/** sync: the webhook's 2xx answer is the outcome; callback: a 2xx only starts the wait for a completion call. */
export const ACTION_MODES = ["sync", "callback"] as const;

/** Inclusive bounds (and defaults) of a definition's numbers: the schema below and the designer's inspector read them. */
export const DEFINITION_LIMITS = {
  timeoutMs: { min: 100, max: 300_000, default: 10_000 },
  leaseMs: { min: 1_000, max: 3_600_000 },
  maxAttempts: { min: 1, max: 100 },
  initialDelayMs: { min: 0, max: 86_400_000 },
  backoffRate: { min: 1, max: 10, default: 2 },
  maxDelayMs: { min: 0, max: MAX_RETRY_DELAY_MS },
  /** A state's timer: at least a second, at most a year (366 days); checked by graph validation (TIMER_OUT_OF_RANGE). */
  afterSeconds: { min: 1, max: MAX_RETRY_DELAY_MS / 1000 },
  /** How long a callback action waits for its completion call (a second to a year; default a day). */
  callbackTimeoutSeconds: { min: 1, max: 31_536_000, default: 86_400 },
} as const;
const LIMITS = DEFINITION_LIMITS;

const keySchema = z
  .string()
  .max(MAX_KEY_LENGTH, { error: `must be at most ${MAX_KEY_LENGTH} characters` })
  .regex(KEY_PATTERN, {
    error: (iss) =>
      `${JSON.stringify(iss.input)} is not a valid key: start with a lowercase letter, then use only a-z, 0-9 and _`,
  });

const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });

/** A number in [min, max] with a message naming the range. */
const numberInRange = (min: number, max: number) =>
  z
    .number()
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

/** An integer in [min, max] with a message naming the range. */
const intInRange = (min: number, max: number) =>
  z
    .number()
    .int({ error: "must be an integer" })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (iss) => (iss.input === undefined ? undefined : `must be one of ${values.map((v) => `"${v}"`).join(", ")}`),
  });

export const stateKindSchema = enumOf(STATE_KINDS);

const jsonSchemaObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { error: "must be a JSON Schema object" },
);

/**
 * A JSON Pointer (RFC 6901) naming a place in the metadata below its root: "/extracted",
 * "/invoice/fields". Each segment non-empty; "~0" and "~1" escape "~" and "/".
 */
export const OUTPUT_POINTER_PATTERN = /^(\/([^~/]|~[01])+)+$/;

/** Where a webhook's JSON answer goes in the document's metadata, and what it must look like. */
export const actionOutputSchema = z.strictObject({
  into: z
    .string()
    .max(500, { error: "must be at most 500 characters" })
    .regex(OUTPUT_POINTER_PATTERN, {
      error: (iss) =>
        `${JSON.stringify(iss.input)} is not a JSON Pointer into the metadata: write it like "/extracted" (non-empty segments, "~1" for "/" and "~0" for "~")`,
    }),
  schema: jsonSchemaObject.optional(),
});

export const webhookActionSchema = z.strictObject({
  type: z.literal("webhook"),
  url: z.url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" }),
  timeoutMs: intInRange(LIMITS.timeoutMs.min, LIMITS.timeoutMs.max).default(LIMITS.timeoutMs.default),
  /** How long a worker owns the job before another may take it over (default: derived by the worker). */
  leaseMs: intInRange(LIMITS.leaseMs.min, LIMITS.leaseMs.max).optional(),
  /**
   * Whether an excerpt of the receiver's answer (its first 500 characters) is kept in the
   * document's history, which every viewer reads. false for receivers whose answers may carry
   * data viewers must not see; the status code and duration are kept either way. Absent = true.
   */
  storeResponse: z.boolean().optional(),
  /** Merge the receiver's JSON answer (or a callback's output) into the metadata. */
  output: actionOutputSchema.optional(),
  /** Absent = "sync". */
  mode: enumOf(ACTION_MODES).optional(),
  /** callback mode: how long to wait for the completion call; past it the attempt fails (and may be retried). */
  callbackTimeoutSeconds: intInRange(LIMITS.callbackTimeoutSeconds.min, LIMITS.callbackTimeoutSeconds.max).optional(),
});

export const noopActionSchema = z.strictObject({ type: z.literal("noop") });

export const actionSchema = z.discriminatedUnion("type", [webhookActionSchema, noopActionSchema], {
  error: (iss) =>
    iss.code === "invalid_union" ? `must be ${ACTION_TYPES.map((t) => `"${t}"`).join(" or ")}` : undefined,
});

export const retryPolicySchema = z.strictObject({
  /** Runs of the action in all, the first included: 1 means never retry. */
  maxAttempts: intInRange(LIMITS.maxAttempts.min, LIMITS.maxAttempts.max),
  strategy: enumOf(RETRY_STRATEGIES),
  initialDelayMs: intInRange(LIMITS.initialDelayMs.min, LIMITS.initialDelayMs.max),
  backoffRate: numberInRange(LIMITS.backoffRate.min, LIMITS.backoffRate.max).default(LIMITS.backoffRate.default),
  maxDelayMs: intInRange(LIMITS.maxDelayMs.min, LIMITS.maxDelayMs.max).optional(),
  jitter: enumOf(JITTER_MODES).default("none"),
  /** Retry HTTP 4xx answers too (by default a 4xx fails at once: the request itself is wrong). */
  retryOn4xx: z.boolean().optional(),
});

/**
 * A state's timer: once a document has waited `afterSeconds` in the state, DocState fires
 * `transition` by itself (the SLA only marks it late). The range is a graph rule
 * (TIMER_OUT_OF_RANGE), so the designer shows it as a problem on the state, not a shape error.
 */
export const stateTimeoutSchema = z.strictObject({
  afterSeconds: z.number(),
  transition: keySchema,
});

export const stateSchema = z.strictObject({
  key: keySchema,
  label: textSchema(MAX_LABEL_LENGTH).optional(),
  kind: stateKindSchema,
  description: z.string().max(2000, { error: "must be at most 2000 characters" }).optional(),
  sla: z
    .strictObject({
      maxSeconds: z.number().int({ error: "must be an integer" }).positive({ error: "must be greater than 0" }),
    })
    .optional(),
  action: actionSchema.optional(),
  retry: retryPolicySchema.optional(),
  /** Key of the transition the worker fires when the action succeeds. */
  onSuccess: keySchema.optional(),
  /** Key of the transition the worker fires when the action fails for good. */
  onFailure: keySchema.optional(),
  timeout: stateTimeoutSchema.optional(),
});

export const transitionSchema = z.strictObject({
  key: keySchema,
  label: textSchema(MAX_LABEL_LENGTH).optional(),
  from: z
    .array(z.union([z.literal(ANY_STATE), keySchema], { error: 'must be a state key or "*"' }))
    .min(1, { error: 'must name at least one state (or "*" for any non-terminal state)' }),
  to: keySchema,
  roles: z.array(roleSchema).optional(),
  guard: z.strictObject({ jsonSchema: jsonSchemaObject }).optional(),
  requireReason: z.boolean().optional(),
});

const pointSchema = z.strictObject({ x: z.number(), y: z.number() });

export const workflowDefinitionSchema = z.strictObject({
  states: z.array(stateSchema).max(MAX_STATES, { error: `must have at most ${MAX_STATES} states` }),
  transitions: z
    .array(transitionSchema)
    .max(MAX_TRANSITIONS, { error: `must have at most ${MAX_TRANSITIONS} transitions` }),
  layout: z.record(keySchema, pointSchema).optional(),
});

export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
/** What authors may write: defaulted fields (timeoutMs, backoffRate, jitter) may be left out. */
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
export type StateDef = z.infer<typeof stateSchema>;
export type StateKind = StateDef["kind"];
export type TransitionDef = z.infer<typeof transitionSchema>;
export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type ActionDef = z.infer<typeof actionSchema>;
export type StateTimeout = z.infer<typeof stateTimeoutSchema>;
export type WebhookAction = z.infer<typeof webhookActionSchema>;
export type ActionOutputDef = z.infer<typeof actionOutputSchema>;
export type ActionMode = (typeof ACTION_MODES)[number];

export interface DefinitionIssue {
  /** Where in the definition, e.g. `states[2].action.url`; "" for the document itself. */
  path: string;
  message: string;
}

export type ParseDefinitionResult =
  { ok: true; definition: WorkflowDefinition } | { ok: false; issues: DefinitionIssue[] };

/** Pure: formats a zod path as `states[2].retry.maxAttempts`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Plain-English wording for zod's generic issues; specific messages above take precedence. */
function plainMessage(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.input === undefined && (iss.code === "invalid_value" || iss.code === "invalid_union")) return "is required";
  if (iss.code === "invalid_type") {
    if (iss.input === undefined) return "is required";
    const expected = String(iss.expected);
    return `must be ${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`;
  }
  if (iss.code === "unrecognized_keys") {
    const keys = iss.keys.map((k) => `"${k}"`).join(", ");
    return `unknown field${iss.keys.length > 1 ? "s" : ""} ${keys}`;
  }
  return undefined;
}

/** Pure: validates the JSON shape of a workflow definition (not its graph; see validateGraph). */
export function parseDefinition(json: unknown): ParseDefinitionResult {
  const result = workflowDefinitionSchema.safeParse(json, { error: plainMessage });
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
  };
}
