export * from "./refusal";
export type { DocumentJob } from "./document-job";
export { checkFire, type AllowedFire, type FireCheckInput } from "./check-fire";
export { fireableStates, type FireableState } from "./fireable-states";
export { checkMove, type AllowedMove } from "./check-move";
export { checkRetry, type AllowedRetry } from "./check-retry";
export { checkCancel } from "./check-cancel";
export { checkSettleAction, type AllowedSettle, type SettleOutcome } from "./check-settle-action";
