import { DEFINITION_LIMITS, type StateDef } from "./definition-schema";
import { problem, type GraphProblem } from "./graph-problem";
import type { ValidationContext } from "./validation-context";

const { min, max } = DEFINITION_LIMITS.afterSeconds;

function checkTimer(ctx: ValidationContext, state: StateDef): GraphProblem[] {
  const timer = state.timeout;
  if (!timer) return [];
  const name = `"${state.key}"`;
  const at = { stateKey: state.key, transitionKey: timer.transition };
  const problems: GraphProblem[] = [];
  if (state.kind === "terminal") {
    problems.push(
      problem("TIMER_ON_TERMINAL", "error", `Terminal state ${name} has a timer, but documents never leave it`, at),
    );
  }
  if (!(timer.afterSeconds >= min && timer.afterSeconds <= max)) {
    problems.push(
      problem(
        "TIMER_OUT_OF_RANGE",
        "error",
        `State ${name}: the timer's afterSeconds (${timer.afterSeconds}) must be between ${min} (a second) and ${max.toLocaleString("en-US")} (a year)`,
        at,
      ),
    );
  }
  const transition = (ctx.outgoing.get(state.key) ?? []).find((t) => t.key === timer.transition);
  if (state.kind !== "terminal" && !transition) {
    problems.push(
      problem(
        "DANGLING_REFERENCE",
        "error",
        `State ${name} has a timer firing "${timer.transition}", but no transition "${timer.transition}" leaves ${name}`,
        at,
      ),
    );
  }
  // The timer fires without a person, so nobody could give the reason: it would be refused every time.
  if (transition?.requireReason) {
    problems.push(
      problem(
        "TIMER_NEEDS_REASON",
        "error",
        `State ${name} has a timer firing "${timer.transition}", which requires a reason that a timer cannot give`,
        at,
      ),
    );
  }
  return problems;
}

/**
 * Pure: rules about state timers (`timeout`): in range (a second to a year), on a state a
 * document can leave, naming a transition that leaves that state and needs no reason.
 */
export function validateTimers(ctx: ValidationContext): GraphProblem[] {
  return ctx.def.states.flatMap((state) => checkTimer(ctx, state));
}
