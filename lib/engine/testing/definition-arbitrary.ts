// Test support only: fast-check generators of workflow definitions, valid and otherwise.
import fc from "fast-check";
import { MAX_RETRY_DELAY_MS, type WorkflowDefinitionInput } from "../definition-schema";
import { ROLES } from "../roles";

/* Small key pools make collisions (duplicates, shadowing, dangling names) common.
 * "constructor" and "to_string" catch code that looks keys up on plain objects. */
const STATE_KEYS = ["a", "b", "c", "draft", "done", "constructor", "to_string"] as const;
const TRANSITION_KEYS = ["t", "u", "submit", "approve", "constructor"] as const;

const stateKey = fc.constantFrom(...STATE_KEYS);
const transitionKey = fc.constantFrom(...TRANSITION_KEYS);

export const retryPolicyArbitrary = fc.record(
  {
    maxAttempts: fc.integer({ min: 1, max: 100 }),
    strategy: fc.constantFrom("fixed", "linear", "exponential"),
    initialDelayMs: fc.integer({ min: 0, max: 86_400_000 }),
    backoffRate: fc.double({ min: 1, max: 10, noNaN: true }),
    maxDelayMs: fc.integer({ min: 0, max: MAX_RETRY_DELAY_MS }),
    jitter: fc.constantFrom("none", "full", "equal"),
    retryOn4xx: fc.boolean(),
  },
  { requiredKeys: ["maxAttempts", "strategy", "initialDelayMs"] },
);

const action = fc.oneof(
  fc.record(
    {
      type: fc.constant("webhook" as const),
      url: fc.constantFrom("https://hooks.example.com/run", "http://127.0.0.1:9/x"),
      timeoutMs: fc.integer({ min: 100, max: 300_000 }),
      leaseMs: fc.integer({ min: 1000, max: 3_600_000 }),
    },
    { requiredKeys: ["type", "url"] },
  ),
  fc.constant({ type: "noop" as const }),
);

const state = fc.record(
  {
    key: stateKey,
    label: fc.constantFrom("Draft", "Review", "Done"),
    kind: fc.constantFrom("initial", "normal", "terminal", "error"),
    sla: fc.record({ maxSeconds: fc.integer({ min: 1, max: 1_000_000 }) }),
    action,
    retry: retryPolicyArbitrary,
    onSuccess: transitionKey,
    onFailure: transitionKey,
  },
  { requiredKeys: ["key", "kind"] },
);

const guard = fc.record({
  jsonSchema: fc.oneof(
    fc.constant({ type: "object", required: ["amount"] }),
    fc.constant({ type: "nope" }),
    fc.constant({ unknownKeyword: 1 }),
    fc.constant({ $id: "http://json-schema.org/draft-07/schema", type: "object" }),
  ),
});

const transition = fc.record(
  {
    key: transitionKey,
    label: fc.constant("Go"),
    from: fc.array(fc.oneof(stateKey, fc.constant("*" as const)), { minLength: 1, maxLength: 3 }),
    to: stateKey,
    roles: fc.subarray([...ROLES]),
    guard,
    requireReason: fc.boolean(),
  },
  { requiredKeys: ["key", "from", "to"] },
);

/** Definitions that pass the zod schema but may break every graph rule. */
export const definitionArbitrary: fc.Arbitrary<WorkflowDefinitionInput> = fc.record(
  {
    states: fc.array(state, { maxLength: 8 }),
    transitions: fc.array(transition, { maxLength: 12 }),
    layout: fc.dictionary(stateKey, fc.record({ x: fc.integer(), y: fc.integer() })),
  },
  { requiredKeys: ["states", "transitions"] },
);

/** Anything at all, biased towards things shaped almost like a definition. */
export const garbageArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.record({ states: fc.anything(), transitions: fc.anything() }),
  definitionArbitrary.chain((def) => fc.anything().map((junk) => ({ ...def, states: [...def.states, junk] }))),
  definitionArbitrary.chain((def) =>
    fc.anything().map((junk) => ({ ...def, transitions: [junk, ...def.transitions] })),
  ),
  definitionArbitrary.chain((def) =>
    fc
      .tuple(fc.constantFrom("key", "kind", "action", "retry", "from", "guard"), fc.anything())
      .map(([field, junk]) => ({
        ...def,
        states: def.states.map((s, i) => (i === 0 ? { ...s, [field]: junk } : s)),
        transitions: def.transitions.map((t, i) => (i === 0 ? { ...t, [field]: junk } : t)),
      })),
  ),
);

/** A definition together with a reordering of its states and transitions. */
export const permutedDefinitionArbitrary = definitionArbitrary.chain((def) =>
  fc
    .tuple(
      fc.constant(def),
      fc.shuffledSubarray(def.states, { minLength: def.states.length }),
      fc.shuffledSubarray(def.transitions, { minLength: def.transitions.length }),
    )
    .map(([original, states, transitions]) => ({ original, permuted: { ...original, states, transitions } })),
);
