import { parseDefinition, type Actor } from "../../engine";
import type { ServiceDb } from "../db-types";
import { countActiveAlerts, listAlerts, type AlertView } from "./list-alerts";

export interface AlertTarget {
  key: string;
  name: string;
  states: { key: string; label: string; kind: string; hasSla: boolean }[];
}

/**
 * The workflows a rule can watch, with the states of each one's latest published definition
 * (the draft while nothing is published): what the rule form offers in its selects.
 */
export async function listAlertTargets(db: ServiceDb): Promise<AlertTarget[]> {
  const workflows = await db.prisma.workflow.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: {
      key: true,
      name: true,
      versions: { orderBy: [{ status: "desc" }, { version: "desc" }], take: 1, select: { definition: true } },
    },
  });
  return workflows.map((w) => {
    const parsed = w.versions[0] ? parseDefinition(w.versions[0].definition) : null;
    const states = parsed?.ok ? parsed.definition.states : [];
    return {
      key: w.key,
      name: w.name,
      states: states.map((s) => ({ key: s.key, label: s.label ?? s.key, kind: s.kind, hasSla: Boolean(s.sla) })),
    };
  });
}

export interface OpenAlertsSummaryData {
  open: number;
  acknowledged: number;
  /** The newest active alerts, at most `limit`. */
  latest: AlertView[];
}

/** Data for the dashboard's open-alerts card (components/alerts/open-alerts-summary.tsx). */
export async function getOpenAlertsSummary(
  db: ServiceDb,
  actor: Actor,
  input: { limit?: number } = {},
): Promise<OpenAlertsSummaryData> {
  const [counts, latest] = await Promise.all([
    countActiveAlerts(db),
    listAlerts(db, { status: "active", limit: input.limit ?? 5 }),
  ]);
  return { ...counts, latest };
}
