export * from "./replay-input";
export * from "./replay-report";
export { createReplay, replayHistory, DEFAULT_REPLAY_EXAMPLES, type ReplayAccumulator } from "./replay-history";
export { stateVisits, type StateVisit } from "./state-visits";
