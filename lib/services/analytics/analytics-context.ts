import { parseDefinition, type Role } from "../../engine";
import { rolesThatCanLeave } from "../../engine/analytics/acting-roles";
import {
  periodSpans,
  resolvePeriod,
  type AnalyticsPeriod,
  type PeriodSpans,
} from "../../engine/analytics/analytics-period";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

/** A state as analytics show it: across versions by key, described by the newest version that has it. */
export interface AnalyticsState {
  key: string;
  label: string;
  kind: string;
  slaSeconds: number | null;
  /** False for a state only older published versions have (it existed during the period, not now). */
  inLatestVersion: boolean;
  /** Roles for whom a wait here is a wait for them to act (acting-roles.ts), in that newest version. */
  leavableBy: Role[];
}

export interface AnalyticsContext {
  workflowId: string;
  workflow: string;
  period: AnalyticsPeriod;
  previous: AnalyticsPeriod;
  spans: PeriodSpans;
  previousSpans: PeriodSpans;
  states: Map<string, AnalyticsState>;
}

export interface AnalyticsQuery {
  workflow: string;
  from?: Date;
  to?: Date;
}

/**
 * The workflow, its states across every published version (by key; states not in the latest
 * version marked) and the checked period. WORKFLOW_NOT_FOUND, or INVALID_PERIOD naming the
 * allowed range (future, reversed, beyond retention).
 */
export async function loadAnalyticsContext(
  db: ServiceDb,
  input: AnalyticsQuery,
  now: Date = new Date(),
): Promise<AnalyticsContext> {
  const workflow = await db.prisma.workflow.findUnique({
    where: { key: input.workflow },
    select: {
      id: true,
      key: true,
      versions: { where: { status: "PUBLISHED" }, orderBy: { version: "desc" }, select: { definition: true } },
    },
  });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.workflow}".`);
  const check = resolvePeriod({ from: input.from, to: input.to }, now);
  if (!check.ok) throw new AppError("INVALID_PERIOD", check.message, { details: { allowed: check.allowed } });
  const states = new Map<string, AnalyticsState>();
  workflow.versions.forEach((version, index) => {
    const parsed = parseDefinition(version.definition);
    if (!parsed.ok) return;
    for (const s of parsed.definition.states) {
      if (states.has(s.key)) continue; // newest version first
      states.set(s.key, {
        key: s.key,
        label: s.label ?? s.key,
        kind: s.kind,
        slaSeconds: s.sla?.maxSeconds ?? null,
        inLatestVersion: index === 0,
        leavableBy: rolesThatCanLeave(parsed.definition, s.key),
      });
    }
  });
  return {
    workflowId: workflow.id,
    workflow: workflow.key,
    period: check.period,
    previous: check.previous,
    spans: periodSpans(check.period),
    previousSpans: periodSpans(check.previous),
    states,
  };
}

/** A state key seen in the rollups: its catalogue entry, or a bare one for a key no version names any more. */
export function stateOf(context: AnalyticsContext, key: string): AnalyticsState {
  return (
    context.states.get(key) ?? {
      key,
      label: key,
      kind: "normal",
      slaSeconds: null,
      inLatestVersion: false,
      leavableBy: [],
    }
  );
}

export const periodJson = (p: AnalyticsPeriod) => ({ from: p.from.toISOString(), to: p.to.toISOString() });
