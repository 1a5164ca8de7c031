import type { Prisma } from "../../db/generated/client";
import type { ServiceDb } from "../db-types";
import { parseInput } from "./alert-rule-view";
import { listAlertsInput, type AlertConditionName } from "../../contracts/alert-rules";

export interface AlertView {
  id: string;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  openedAt: string;
  openedValue: number;
  lastValue: number;
  threshold: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedValue: number | null;
  rule: {
    id: string;
    name: string;
    workflow: string;
    workflowName: string;
    state: string | null;
    condition: AlertConditionName;
    windowMinutes: number | null;
  };
  /** Webhook deliveries of this alert (OPENED, RESOLVED) and how they went. */
  notifications: {
    kind: "OPENED" | "RESOLVED";
    status: "PENDING" | "SENDING" | "SENT" | "FAILED";
    attempt: number;
    lastError: string | null;
  }[];
}

const STATUS_FILTER: Record<string, Prisma.AlertWhereInput> = {
  active: { status: { in: ["OPEN", "ACKNOWLEDGED"] } },
  open: { status: "OPEN" },
  acknowledged: { status: "ACKNOWLEDGED" },
  resolved: { status: "RESOLVED" },
  all: {},
};

/** Alerts newest first, filtered by status ("active" = open or acknowledged); any role may read. */
export async function listAlerts(db: ServiceDb, input: { status?: string; limit?: number } = {}): Promise<AlertView[]> {
  const query = parseInput(listAlertsInput, input);
  const rows = await db.prisma.alert.findMany({
    where: STATUS_FILTER[query.status],
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: query.limit,
    select: {
      id: true,
      status: true,
      openedAt: true,
      openedValue: true,
      lastValue: true,
      threshold: true,
      acknowledgedAt: true,
      acknowledgedBy: true,
      resolvedAt: true,
      resolvedValue: true,
      rule: {
        select: {
          id: true,
          name: true,
          state: true,
          condition: true,
          windowSeconds: true,
          workflow: { select: { key: true, name: true } },
        },
      },
      notifications: { orderBy: { kind: "asc" }, select: { kind: true, status: true, attempt: true, lastError: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    status: a.status,
    openedAt: a.openedAt.toISOString(),
    openedValue: a.openedValue,
    lastValue: a.lastValue,
    threshold: a.threshold,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedValue: a.resolvedValue,
    rule: {
      id: a.rule.id,
      name: a.rule.name,
      workflow: a.rule.workflow.key,
      workflowName: a.rule.workflow.name,
      state: a.rule.state,
      condition: a.rule.condition,
      windowMinutes: a.rule.windowSeconds === null ? null : Math.round(a.rule.windowSeconds / 60),
    },
    notifications: a.notifications,
  }));
}

/** Open and acknowledged alert counts (nav badge, dashboard summary): one index range. */
export async function countActiveAlerts(db: ServiceDb): Promise<{ open: number; acknowledged: number }> {
  const rows = await db.prisma.alert.groupBy({
    by: ["status"],
    where: { status: { in: ["OPEN", "ACKNOWLEDGED"] } },
    _count: { _all: true },
  });
  return {
    open: rows.find((r) => r.status === "OPEN")?._count._all ?? 0,
    acknowledged: rows.find((r) => r.status === "ACKNOWLEDGED")?._count._all ?? 0,
  };
}
