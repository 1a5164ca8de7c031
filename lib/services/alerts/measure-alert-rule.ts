import type { WorkflowDefinition } from "../../engine";
import { countActionOutcomes } from "../../db/sql/count-action-outcomes";
import { countDocumentsOverSla } from "../../db/sql/count-over-sla";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { countDocumentsByState } from "../stats/count-documents-by-state";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { type AlertConditionName } from "../../contracts/alert-rules";

export interface MeasuredRule {
  workflowId: string;
  state: string | null;
  condition: AlertConditionName;
  windowSeconds: number | null;
}

/** The latest published definition of a workflow (cached per version), or null. */
async function latestDefinition(db: ServiceDb, workflowId: string): Promise<WorkflowDefinition | null> {
  const version = await db.prisma.workflowVersion.findFirst({
    where: { workflowId, status: "PUBLISHED" },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!version) return null;
  return loadPublishedDefinition(db, version.id).catch(() => null);
}

/**
 * The current value of a rule's condition: a document count, or a failure percentage.
 * Counts come from the maintained counters; over-SLA counts are index range scans on
 * (workflowId, state, stateEnteredAt) as in get-workflow-stats; the failure rate counts
 * ACTION_FAILED vs ACTION_SUCCEEDED events in the window through the (at, type) index.
 */
export async function measureAlertRule(db: ServiceDb, rule: MeasuredRule): Promise<number> {
  switch (rule.condition) {
    case "STATE_COUNT": {
      const counts = await countDocumentsByState(db, { workflowId: rule.workflowId });
      return counts.filter((c) => c.state === rule.state).reduce((sum, c) => sum + c.count, 0);
    }
    case "ERROR_STATE_COUNT": {
      const definition = await latestDefinition(db, rule.workflowId);
      const errorStates = new Set(definition?.states.filter((s) => s.kind === "error").map((s) => s.key) ?? []);
      if (rule.state) errorStates.add(rule.state);
      const counts = await countDocumentsByState(db, { workflowId: rule.workflowId });
      return counts
        .filter((c) => (rule.state ? c.state === rule.state : errorStates.has(c.state)))
        .reduce((sum, c) => sum + c.count, 0);
    }
    case "OVER_SLA_COUNT": {
      const definition = await latestDefinition(db, rule.workflowId);
      const states = (definition?.states ?? []).flatMap((s) =>
        s.sla && (!rule.state || s.key === rule.state)
          ? [{ workflowId: rule.workflowId, key: s.key, maxSeconds: s.sla.maxSeconds }]
          : [],
      );
      const counts = await countDocumentsOverSla(executorFor(db), states);
      return [...(counts.get(rule.workflowId)?.values() ?? [])].reduce((sum, n) => sum + n, 0);
    }
    case "FAILURE_RATE": {
      const { failed, succeeded } = await countActionOutcomes(executorFor(db), {
        workflowId: rule.workflowId,
        windowSeconds: rule.windowSeconds ?? 900,
      });
      const attempts = failed + succeeded;
      return attempts === 0 ? 0 : Math.round((failed / attempts) * 10_000) / 100;
    }
  }
}
