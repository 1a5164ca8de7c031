import { errorSignature, retryDelayMs, type StateDef, type TransitionDef, type WorkflowDefinition } from "../../engine";
import { pick } from "./seeded-random";

export interface SimulatedEvent {
  type: "CREATED" | "TRANSITION" | "ACTION_STARTED" | "ACTION_SUCCEEDED" | "ACTION_FAILED" | "RETRY_SCHEDULED";
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  actor: "USER" | "SYSTEM";
  details?: Record<string, unknown>;
  at: Date;
}

export interface SimulatedDocument {
  state: string;
  stateEnteredAt: Date;
  events: SimulatedEvent[];
  /**
   * Set when the document waits in a state with an action (a pending or retrying job), or
   * when its action ran out of attempts and onFailure moved it to an error state (an
   * exhausted job, kept as the worker keeps it, so a manual retry knows where to go back).
   */
  job: {
    state: string;
    status: "PENDING" | "EXHAUSTED";
    attempt: number;
    runAt: Date;
    lastError: string | null;
    errorSignature: string | null;
  } | null;
}

const DEMO_ERRORS = [
  "HTTP 503 Service Unavailable from extractor",
  "timeout after 5000 ms",
  "connect ECONNREFUSED extractor:443",
];

/**
 * Walks a document through a definition the way real traffic would, producing a plausible,
 * valid history (only transitions the definition allows; action attempts with retries that
 * follow the state's policy). Deterministic for a given random source. Pure.
 */
export function simulateHistory(
  def: WorkflowDefinition,
  random: () => number,
  createdAt: Date,
  now: Date,
): SimulatedDocument {
  const states = new Map(def.states.map((s) => [s.key, s]));
  const initial = def.states.find((s) => s.kind === "initial")!;
  let state: StateDef = initial;
  let t = createdAt.getTime();
  const events: SimulatedEvent[] = [
    { type: "CREATED", fromState: null, toState: state.key, transitionKey: null, actor: "USER", at: new Date(t) },
  ];
  let enteredAt = t;
  const step = (max: number) => Math.floor(60_000 + random() * max);
  // The exhausted job of the last action, while nobody has moved the document on since.
  let exhausted: SimulatedDocument["job"] = null;
  const fire = (transition: TransitionDef, actor: "USER" | "SYSTEM") => {
    exhausted = null;
    const next = states.get(transition.to)!;
    events.push({
      type: "TRANSITION",
      fromState: state.key,
      toState: next.key,
      transitionKey: transition.key,
      actor,
      at: new Date(t),
    });
    state = next;
    enteredAt = t;
  };

  for (let hop = 0; hop < 12; hop += 1) {
    if (state.kind === "terminal") break;
    if (state.action) {
      const policy = state.retry;
      const maxAttempts = policy?.maxAttempts ?? 1;
      // noop actions cannot fail; webhooks mostly succeed within two attempts.
      const succeedsAt =
        state.action.type === "noop" ? 1 : random() < 0.8 ? 1 + Math.floor(random() * 2) : maxAttempts + 1;
      let attempt = 1;
      let lastError = "";
      for (; attempt <= maxAttempts; attempt += 1) {
        t += 2_000;
        if (t > now.getTime())
          return {
            state: state.key,
            stateEnteredAt: new Date(enteredAt),
            events,
            job: job(state.key, attempt - 1, new Date(t), null),
          };
        events.push({
          type: "ACTION_STARTED",
          fromState: null,
          toState: null,
          transitionKey: null,
          actor: "SYSTEM",
          details: { attempt },
          at: new Date(t),
        });
        t += 800 + Math.floor(random() * 3_000);
        if (attempt === succeedsAt) {
          events.push({
            type: "ACTION_SUCCEEDED",
            fromState: null,
            toState: null,
            transitionKey: null,
            actor: "SYSTEM",
            details: { attempt, status: 200 },
            at: new Date(t),
          });
          break;
        }
        const error = pick(random, DEMO_ERRORS);
        lastError = error;
        events.push({
          type: "ACTION_FAILED",
          fromState: null,
          toState: null,
          transitionKey: null,
          actor: "SYSTEM",
          details: { attempt, error },
          at: new Date(t),
        });
        if (attempt < maxAttempts && policy) {
          const delay = retryDelayMs(policy, attempt, random);
          events.push({
            type: "RETRY_SCHEDULED",
            fromState: null,
            toState: null,
            transitionKey: null,
            actor: "SYSTEM",
            details: { attempt: attempt + 1, runAt: new Date(t + delay).toISOString() },
            at: new Date(t),
          });
          t += delay;
          // A few documents are caught mid-retry: their next attempt is still ahead.
          if (random() < 0.04)
            return {
              state: state.key,
              stateEnteredAt: new Date(enteredAt),
              events,
              job: job(state.key, attempt, new Date(now.getTime() + delay), error),
            };
        }
      }
      const key = attempt <= maxAttempts ? state.onSuccess : state.onFailure;
      const transition = def.transitions.find((tr) => tr.key === key && tr.from.includes(state.key));
      if (!transition) break;
      const actionState = state.key;
      fire(transition, "SYSTEM");
      if (attempt > maxAttempts)
        exhausted = { ...job(actionState, maxAttempts, new Date(t), lastError), status: "EXHAUSTED" };
      continue;
    }
    // A person acts on this state later — or not yet: the document waits here.
    if (random() < 0.3) break;
    t += step(state.kind === "error" ? 6 * 3_600_000 : 3 * 3_600_000);
    if (t > now.getTime()) break;
    const choices = def.transitions.filter(
      (tr) => tr.from.includes(state.key) && !(state.onSuccess === tr.key || state.onFailure === tr.key),
    );
    if (choices.length === 0) break;
    // Prefer the first listed transition (the happy path) two times out of three.
    fire(random() < 0.66 ? choices[0]! : pick(random, choices), "USER");
  }
  return { state: state.key, stateEnteredAt: new Date(enteredAt), events, job: exhausted };
}

function job(
  state: string,
  attempt: number,
  runAt: Date,
  lastError: string | null,
): NonNullable<SimulatedDocument["job"]> {
  return {
    state,
    status: "PENDING",
    attempt,
    runAt,
    lastError,
    errorSignature: lastError ? errorSignature("webhook", lastError) : null,
  };
}
