/**
 * DocState's pure domain core: definitions in, decisions out. Nothing here touches the
 * database, the network, the clock or randomness unless a caller passes them in.
 */
export * from "./definition-schema";
export * from "./roles";
export * from "./actor";
export * from "./mask-secrets";
export * from "./graph-index";
export * from "./state-timer";
export * from "./guards";
export * from "./action-output";
export * from "./graph-problem";
export { validateGraph, validateDefinitionJson, type DefinitionValidation } from "./validate-graph";
export { canonicalDefinition } from "./validation-context";
export * from "./resolve-transition";
export * from "./retry-policy";
export * from "./plan-job-outcome";
export * from "./recovery-canary";
export * from "./error-signature";
export * from "./operations";
export * from "./shortest-paths";
export * from "./examples";
export * from "./replay";
export * from "./migration";
