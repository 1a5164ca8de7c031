export { resolveStateMapping, automaticTarget, type MappingProblem, type MappingResult } from "./resolve-state-mapping";
export { planMigratedJob, wouldBeStuck, type JobPlan } from "./plan-document-migration";
