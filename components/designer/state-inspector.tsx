"use client";

import {
  ACTION_TYPES,
  DEFINITION_LIMITS,
  JITTER_MODES,
  KEY_PATTERN,
  MAX_KEY_LENGTH,
  RETRY_STRATEGIES,
  STATE_KINDS,
  type RetryPolicy,
  type ShortestPath,
  type StateDef,
  type StateKind,
} from "@/lib/engine";
import { ActionOutputInspector } from "./action-output-inspector";
import { CheckedInput, KeyAndLabelInputs, Row, Section, smallInput, smallSelect } from "./inspector-fields";
import { RetryChart } from "./retry-chart";
import { TimerSection } from "./timer-section";

// Options and bounds come from the engine's definition schema (lib/engine/definition-schema.ts);
// only their wording lives here. The Records make a new kind, type, strategy or jitter a type error until it is worded.
const KIND_LABEL: Record<StateKind, string> = {
  initial: "Initial — where documents start",
  normal: "Normal",
  terminal: "Terminal — the end",
  error: "Error — exhausted retries land here",
};
const ACTION_LABEL: Record<(typeof ACTION_TYPES)[number], string> = {
  webhook: "Webhook (POST)",
  noop: "No-op (succeeds at once)",
};
const STRATEGY_LABEL: Record<RetryPolicy["strategy"], string> = {
  fixed: "Fixed",
  linear: "Linear",
  exponential: "Exponential",
};
const JITTER_LABEL: Record<RetryPolicy["jitter"], string> = { none: "None", full: "Full", equal: "Equal" };

/** The inspector's options, in the schema's order. */
export const INSPECTOR_OPTIONS = {
  kinds: STATE_KINDS.map((value) => ({ value, label: KIND_LABEL[value] })),
  actions: ACTION_TYPES.map((value) => ({ value, label: ACTION_LABEL[value] })),
  strategies: RETRY_STRATEGIES.map((value) => ({ value, label: STRATEGY_LABEL[value] })),
  jitters: JITTER_MODES.map((value) => ({ value, label: JITTER_LABEL[value] })),
};

/** The bounds the inspector checks numbers against: the schema's. */
export const INSPECTOR_BOUNDS = {
  timeoutMs: DEFINITION_LIMITS.timeoutMs,
  maxAttempts: DEFINITION_LIMITS.maxAttempts,
  initialDelayMs: DEFINITION_LIMITS.initialDelayMs,
  backoffRate: DEFINITION_LIMITS.backoffRate,
  maxDelayMs: DEFINITION_LIMITS.maxDelayMs,
} as const;

/** What "Retry when the action fails" starts from. */
const NEW_RETRY: RetryPolicy = {
  maxAttempts: 3,
  strategy: "exponential",
  initialDelayMs: 1000,
  backoffRate: DEFINITION_LIMITS.backoffRate.default,
  jitter: "none",
};

export function keyError(text: string, taken: ReadonlySet<string>, what: string): string | null {
  if (!text) return "A key is required.";
  if (!KEY_PATTERN.test(text)) return "Start with a lowercase letter, then use only a-z, 0-9 and _.";
  if (text.length > MAX_KEY_LENGTH) return `At most ${MAX_KEY_LENGTH} characters.`;
  if (taken.has(text)) return `Another ${what} already uses the key "${text}".`;
  return null;
}

export function urlError(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:"
      ? null
      : "The webhook URL must start with http:// or https://.";
  } catch {
    return "Enter an absolute URL, e.g. https://service.example.com/hook.";
  }
}

/** A number typed into the inspector: checked as typed, applied only when valid (clamping each keystroke turned "5000" into 100000). */
export function numberError(text: string, min: number, max: number, isInteger = true, unit = ""): string | null {
  const trimmed = text.trim();
  if (!(isInteger ? /^\d+$/ : /^\d+(\.\d+)?$/).test(trimmed))
    return isInteger ? "Enter a whole number." : "Enter a number.";
  const n = Number(trimmed);
  return n < min || n > max
    ? `Between ${min.toLocaleString("en-US")} and ${max.toLocaleString("en-US")}${unit}.`
    : null;
}

export function timeoutError(text: string): string | null {
  return numberError(text, INSPECTOR_BOUNDS.timeoutMs.min, INSPECTOR_BOUNDS.timeoutMs.max, true, " ms");
}

function intOr(text: string, fallback: number): number {
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n) : fallback;
}

export function StateInspector({
  state,
  otherKeys,
  outgoing,
  path,
  isReadOnly,
  onChange,
}: {
  state: StateDef;
  otherKeys: ReadonlySet<string>;
  outgoing: readonly string[];
  path: ShortestPath | null | undefined;
  isReadOnly: boolean;
  onChange: (next: StateDef) => void;
}) {
  const set = (patch: Partial<StateDef>) => {
    const next = { ...state, ...patch } as Record<string, unknown>;
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    onChange(next as StateDef);
  };
  return (
    <div role="region" aria-label="State inspector">
      <Section title="State">
        <KeyAndLabelInputs
          idPrefix="state"
          keyValue={state.key}
          label={state.label}
          keyHint="Used by the API and in history."
          keyError={(t) => keyError(t, otherKeys, "state")}
          isReadOnly={isReadOnly}
          onKey={(key) => set({ key })}
          onLabel={(label) => set({ label })}
        />
        <Row id="state-kind" label="Kind">
          <select
            id="state-kind"
            className={smallSelect}
            value={state.kind}
            disabled={isReadOnly}
            onChange={(e) => set({ kind: e.target.value as StateKind })}
          >
            {INSPECTOR_OPTIONS.kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </Row>
        <Row id="state-sla" label="SLA (seconds in this state)" hint="Empty: no SLA.">
          <input
            id="state-sla"
            type="number"
            min={1}
            className={smallInput}
            disabled={isReadOnly}
            value={state.sla?.maxSeconds ?? ""}
            onChange={(e) =>
              set({
                sla:
                  e.target.value && Number(e.target.value) > 0 ? { maxSeconds: intOr(e.target.value, 1) } : undefined,
              })
            }
          />
        </Row>
      </Section>
      <Section title="Automated action">
        <Row id="state-action" label="Action">
          <select
            id="state-action"
            className={smallSelect}
            disabled={isReadOnly}
            value={state.action?.type ?? "none"}
            onChange={(e) => {
              const type = e.target.value;
              if (type === "none")
                set({ action: undefined, retry: undefined, onSuccess: undefined, onFailure: undefined });
              else if (type === "noop") set({ action: { type: "noop" } });
              else
                set({
                  action: {
                    type: "webhook",
                    url: "https://example.com/hook",
                    timeoutMs: DEFINITION_LIMITS.timeoutMs.default,
                  },
                });
            }}
          >
            <option value="none">None — people move documents on</option>
            {INSPECTOR_OPTIONS.actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </Row>
        {state.action?.type === "webhook" &&
          (() => {
            const action = state.action;
            return (
              <>
                <CheckedInput
                  id="state-url"
                  label="Webhook URL"
                  mono
                  value={action.url}
                  isDisabled={isReadOnly}
                  validate={urlError}
                  onApply={(url) => set({ action: { ...action, url } })}
                />
                <CheckedInput
                  id="state-timeout"
                  label="Timeout (ms)"
                  mono
                  value={String(action.timeoutMs)}
                  isDisabled={isReadOnly}
                  hint={`${INSPECTOR_BOUNDS.timeoutMs.min.toLocaleString("en-US")} to ${INSPECTOR_BOUNDS.timeoutMs.max.toLocaleString("en-US")} ms.`}
                  validate={timeoutError}
                  onApply={(text) => set({ action: { ...action, timeoutMs: Number(text) } })}
                />
                <ActionOutputInspector
                  action={action}
                  isReadOnly={isReadOnly}
                  onChange={(next) => set({ action: next })}
                />
              </>
            );
          })()}
        {state.action && (
          <div className="grid grid-cols-2 gap-2">
            {(["onSuccess", "onFailure"] as const).map((field) => (
              <Row
                key={field}
                id={`state-${field}`}
                label={field === "onSuccess" ? "On success fire" : "On failure fire"}
              >
                <select
                  id={`state-${field}`}
                  className={smallSelect}
                  disabled={isReadOnly}
                  value={state[field] ?? ""}
                  onChange={(e) => set({ [field]: e.target.value || undefined })}
                >
                  <option value="">—</option>
                  {outgoing.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              </Row>
            ))}
          </div>
        )}
      </Section>
      {state.action && (
        <Section title="Retry policy">
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input
              type="checkbox"
              disabled={isReadOnly}
              checked={Boolean(state.retry)}
              onChange={(e) =>
                set({
                  retry: e.target.checked ? NEW_RETRY : undefined,
                })
              }
            />
            Retry when the action fails
          </label>
          {state.retry &&
            (() => {
              const retry = state.retry;
              // Checked as typed, applied when valid: the mistake shows at the field, nothing is clamped behind the user's back.
              const num = (
                field: "maxAttempts" | "initialDelayMs" | "maxDelayMs" | "backoffRate",
                label: string,
                isInteger = true,
              ) => {
                const { min, max } = INSPECTOR_BOUNDS[field];
                return (
                  <CheckedInput
                    key={field}
                    id={`retry-${field}`}
                    label={label}
                    mono
                    value={retry[field] === undefined ? "" : String(retry[field])}
                    isDisabled={isReadOnly}
                    placeholder={field === "maxDelayMs" ? "no cap" : undefined}
                    validate={(text) =>
                      field === "maxDelayMs" && text.trim() === "" ? null : numberError(text, min, max, isInteger)
                    }
                    onApply={(text) =>
                      set({ retry: { ...retry, [field]: text.trim() === "" ? undefined : Number(text) } })
                    }
                  />
                );
              };
              return (
                <>
                  <div className="grid grid-cols-2 gap-2">
                    {num("maxAttempts", "Attempts")}
                    <Row id="retry-strategy" label="Strategy">
                      <select
                        id="retry-strategy"
                        className={smallSelect}
                        disabled={isReadOnly}
                        value={retry.strategy}
                        onChange={(e) =>
                          set({ retry: { ...retry, strategy: e.target.value as typeof retry.strategy } })
                        }
                      >
                        {INSPECTOR_OPTIONS.strategies.map((s) => (
                          <option key={s.value} value={s.value}>
                            {s.label}
                          </option>
                        ))}
                      </select>
                    </Row>
                    {num("initialDelayMs", "First delay (ms)")}
                    {num("backoffRate", "Backoff rate", false)}
                    {num("maxDelayMs", "Max delay (ms)")}
                    <Row id="retry-jitter" label="Jitter">
                      <select
                        id="retry-jitter"
                        className={smallSelect}
                        disabled={isReadOnly}
                        value={retry.jitter}
                        onChange={(e) => set({ retry: { ...retry, jitter: e.target.value as typeof retry.jitter } })}
                      >
                        {INSPECTOR_OPTIONS.jitters.map((j) => (
                          <option key={j.value} value={j.value}>
                            {j.label}
                          </option>
                        ))}
                      </select>
                    </Row>
                  </div>
                  <RetryChart
                    policy={retry}
                    timeoutMs={state.action?.type === "webhook" ? state.action.timeoutMs : undefined}
                  />
                </>
              );
            })()}
        </Section>
      )}
      <TimerSection
        state={state}
        outgoing={outgoing}
        isReadOnly={isReadOnly}
        onChange={(timeout) => set({ timeout })}
      />
      <Section title="Shortest path here">
        {path === undefined ? null : path === null ? (
          <p className="text-xs text-amber-700 dark:text-amber-300">Not reachable from the initial state.</p>
        ) : path.states.length <= 1 ? (
          <p className="text-xs text-slate-500">This is where documents start.</p>
        ) : (
          <ol data-testid="shortest-path" className="flex flex-wrap items-center gap-1 text-xs">
            {path.states.map((s, i) => (
              <li key={`${s}-${i}`} className="flex items-center gap-1">
                {i > 0 && <span className="text-slate-500 dark:text-slate-400">—{path.transitions[i - 1]}→</span>}
                <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono dark:bg-slate-800">{s}</span>
              </li>
            ))}
          </ol>
        )}
        {path && path.states.length > 1 && (
          <p className="mt-1.5 text-[11px] text-slate-500 dark:text-slate-400">
            <span aria-hidden className="mr-1 inline-block h-0.5 w-4 bg-indigo-500 align-middle" />
            Highlighted on the canvas ({path.transitions.length} step{path.transitions.length === 1 ? "" : "s"}).
          </p>
        )}
      </Section>
    </div>
  );
}
