"use client";

import { DEFINITION_LIMITS, type StateDef, type StateTimeout } from "@/lib/engine";
import { formatDurationMs } from "./format-duration";
import { CheckedInput, Row, Section, smallSelect } from "./inspector-fields";

const { min, max } = DEFINITION_LIMITS.afterSeconds;
/** What choosing a transition starts from: an hour. */
const NEW_TIMER_SECONDS = 3600;

/** The timer's wait as typed: a number of seconds in the schema's range (fractions allowed). */
export function timerSecondsError(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return "Enter a number of seconds.";
  const n = Number(trimmed);
  return n < min || n > max ? `Between ${min} second and ${max.toLocaleString("en-US")} seconds (a year).` : null;
}

/**
 * The state's timer: which transition fires by itself, and after how long in the state. The
 * picker offers the transitions leaving the state (plus the current one, should it dangle, so
 * it can be seen and changed); "No timer" removes it.
 */
export function TimerSection({
  state,
  outgoing,
  isReadOnly,
  onChange,
}: {
  state: StateDef;
  outgoing: readonly string[];
  isReadOnly: boolean;
  onChange: (timeout: StateTimeout | undefined) => void;
}) {
  const timer = state.timeout;
  if (state.kind === "terminal" && !timer) return null;
  const choices = timer && !outgoing.includes(timer.transition) ? [...outgoing, timer.transition] : outgoing;
  return (
    <Section title="Timer">
      <Row
        id="state-timer-transition"
        label="Fire by itself"
        hint={
          outgoing.length === 0 && !timer
            ? "Add a transition leaving this state first."
            : "The SLA only marks a document late; a timer moves it on."
        }
      >
        <select
          id="state-timer-transition"
          className={smallSelect}
          disabled={isReadOnly}
          value={timer?.transition ?? ""}
          onChange={(e) => {
            const transition = e.target.value;
            onChange(transition ? { afterSeconds: timer?.afterSeconds ?? NEW_TIMER_SECONDS, transition } : undefined);
          }}
        >
          <option value="">No timer</option>
          {choices.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </Row>
      {timer && (
        <CheckedInput
          key={state.key}
          id="state-timer-seconds"
          label="After (seconds in this state)"
          mono
          value={String(timer.afterSeconds)}
          isDisabled={isReadOnly}
          hint={`Fires ${formatDurationMs(timer.afterSeconds * 1000)} after a document enters the state, unless it left.`}
          validate={timerSecondsError}
          onApply={(text) => onChange({ ...timer, afterSeconds: Number(text) })}
        />
      )}
    </Section>
  );
}
