import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAlert } from "../../lib/services/alerts/acknowledge-alert";
import { createAlertRule } from "../../lib/services/alerts/create-alert-rule";
import { listAlerts } from "../../lib/services/alerts/list-alerts";
import { updateAlertRule } from "../../lib/services/alerts/update-alert-rule";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { createAlertLoop, type AlertLoopOptions } from "../../lib/worker/alert-loop";
import { createWorker } from "../../lib/worker/create-worker";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { webhookWorkflow } from "../worker/worker-fixtures";
import { isValidSignature, startAlertHook } from "./alert-hook-server";

const SECRET = "alert-test-secret";
const INTERVAL = 60_000;
const ALLOW_LOCAL = { allowedHosts: "127.0.0.1" };

describe("alert rules: open, notify once, stay quiet, resolve (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let clock: number;
  const hooks: Awaited<ReturnType<typeof startAlertHook>>[] = [];

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    await publishedWorkflow(handle.db, "invoices");
    clock = Date.now();
  });
  afterEach(async () => {
    await handle.db.prisma.alertRule.deleteMany({});
  });
  afterAll(async () => {
    await Promise.all(hooks.map((h) => h.close()));
    await handle?.close();
  });

  const loop = (extra: Partial<AlertLoopOptions> = {}) =>
    createAlertLoop({
      db: handle.db,
      intervalMs: INTERVAL,
      now: () => clock,
      random: () => 0.5,
      allowedHosts: "127.0.0.1",
      webhookSecret: SECRET,
      log: () => undefined,
      ...extra,
    });
  const hook = async (status?: (i: number) => number | "hang") => {
    const h = await startAlertHook(status);
    hooks.push(h);
    return h;
  };
  async function inReview(title: string): Promise<string> {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "invoices", title });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    return document.id;
  }
  const audit = (entityType: string) =>
    handle.db.prisma.auditLog.findMany({
      where: { entityType },
      orderBy: { id: "asc" },
      select: { action: true, actorName: true },
    });

  it("opens once, notifies once (signed), stays quiet while open, resolves and notifies the resolve once", async () => {
    const receiver = await hook();
    const rule = await createAlertRule(
      handle.db,
      ADMIN,
      {
        name: "Review backlog",
        workflow: "invoices",
        state: "review",
        condition: "STATE_COUNT",
        threshold: 1,
        webhookUrl: receiver.url,
      },
      ALLOW_LOCAL,
    );
    const first = await inReview("a");
    await inReview("b");

    // Two evaluators racing on the same tick: exactly one opens the alert.
    const [a, b] = await Promise.all([loop().runOnce(), loop().runOnce()]);
    const outcomes = [...a.evaluated, ...b.evaluated].filter((r) => r.ruleId === rule.id).map((r) => r.outcome);
    expect(outcomes).toEqual(["opened"]);
    await loop().runOnce(); // a delivery pass in case the other loop claimed the rule first
    expect(receiver.requests).toHaveLength(1);
    const opened = receiver.requests[0]!;
    expect(isValidSignature(SECRET, opened.raw, opened.signature)).toBe(true);
    expect(opened.body).toMatchObject({
      event: "alert.opened",
      rule: { id: rule.id, name: "Review backlog", workflow: "invoices", state: "review", threshold: 1 },
      alert: { status: "OPEN", value: 2 },
    });
    expect(opened.idempotencyKey).toBe(opened.body.idempotencyKey);

    // Still over the threshold on later ticks: no new alert, no new notification.
    for (let i = 0; i < 3; i++) {
      clock += INTERVAL;
      const pass = await loop().runOnce();
      expect(pass.evaluated.find((r) => r.ruleId === rule.id)?.outcome).toBe("still_open");
    }
    await inReview("c");
    clock += INTERVAL;
    await loop().runOnce();
    expect(receiver.requests).toHaveLength(1);
    const [active] = await listAlerts(handle.db, { status: "active" });
    expect(active).toMatchObject({ status: "OPEN", openedValue: 2, lastValue: 3, rule: { id: rule.id } });

    // An operator acknowledges; the alert stays active (and silent).
    const ack = await acknowledgeAlert(handle.db, OPERATOR, { id: active!.id });
    expect(ack).toMatchObject({ status: "ACKNOWLEDGED", acknowledgedBy: OPERATOR.name });
    await acknowledgeAlert(handle.db, OPERATOR, { id: active!.id }); // twice is harmless
    clock += INTERVAL;
    await loop().runOnce();
    expect(receiver.requests).toHaveLength(1);

    // Back under the threshold: resolved, one RESOLVED webhook, then quiet again.
    await fireTransition(handle.db, OPERATOR, { documentId: first, transition: "back" });
    const docs = await handle.db.prisma.document.findMany({ where: { state: "review" }, select: { id: true } });
    await fireTransition(handle.db, OPERATOR, { documentId: docs[0]!.id, transition: "back" });
    clock += INTERVAL;
    const resolvedPass = await loop().runOnce();
    expect(resolvedPass.evaluated.find((r) => r.ruleId === rule.id)).toMatchObject({ outcome: "resolved", value: 1 });
    expect(resolvedPass.delivered.map((d) => d.outcome)).toEqual(["sent"]);
    for (let i = 0; i < 2; i++) {
      clock += INTERVAL;
      await loop().runOnce();
    }
    expect(receiver.requests).toHaveLength(2);
    const resolved = receiver.requests[1]!;
    expect(isValidSignature(SECRET, resolved.raw, resolved.signature)).toBe(true);
    expect(resolved.body).toMatchObject({
      event: "alert.resolved",
      alert: { id: opened.body.alert.id, status: "RESOLVED", value: 1, reason: "condition_cleared" },
    });
    expect((await listAlerts(handle.db, { status: "resolved" }))[0]).toMatchObject({
      status: "RESOLVED",
      resolvedValue: 1,
      acknowledgedBy: OPERATOR.name,
    });
    expect(await audit("alert")).toEqual([
      { action: "alert.open", actorName: "system" },
      { action: "alert.acknowledge", actorName: OPERATOR.name },
      { action: "alert.resolve", actorName: "system" },
    ]);
    // Acknowledging a resolved alert is a conflict, not a silent success.
    await expect(acknowledgeAlert(handle.db, OPERATOR, { id: active!.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("retries a failing webhook with backoff while other rules still evaluate and notify", async () => {
    const broken = await hook((i) => (i < 2 ? 503 : 200));
    const slow = await hook(() => "hang");
    const healthy = await hook();
    const policy = {
      maxAttempts: 4,
      strategy: "exponential" as const,
      initialDelayMs: 1_000,
      backoffRate: 2,
      jitter: "none" as const,
    };
    await inReview("d");
    const failing = await createAlertRule(
      handle.db,
      ADMIN,
      {
        name: "Broken receiver",
        workflow: "invoices",
        state: "review",
        condition: "STATE_COUNT",
        threshold: 0,
        webhookUrl: broken.url,
      },
      ALLOW_LOCAL,
    );
    const hanging = await createAlertRule(
      handle.db,
      ADMIN,
      {
        name: "Hanging receiver",
        workflow: "invoices",
        state: "review",
        condition: "STATE_COUNT",
        threshold: 0,
        webhookUrl: slow.url,
      },
      ALLOW_LOCAL,
    );
    const fine = await createAlertRule(
      handle.db,
      ADMIN,
      {
        name: "Healthy receiver",
        workflow: "invoices",
        state: "review",
        condition: "STATE_COUNT",
        threshold: 0,
        webhookUrl: healthy.url,
      },
      ALLOW_LOCAL,
    );
    const alerts = loop({ retryPolicy: policy, timeoutMs: 300 });

    const first = await alerts.runOnce();
    expect(
      first.evaluated
        .filter((r) => r.outcome === "opened")
        .map((r) => r.ruleId)
        .sort(),
    ).toEqual([failing.id, hanging.id, fine.id].sort());
    expect(healthy.requests).toHaveLength(1); // not held up by the hanging or failing receivers
    expect(first.delivered.map((d) => d.outcome).sort()).toEqual(["retry_scheduled", "retry_scheduled", "sent"]);
    const row = () => handle.db.prisma.alertNotification.findFirstOrThrow({ where: { url: broken.url } });
    expect(await row()).toMatchObject({ status: "PENDING", attempt: 1, lastError: "HTTP 503: receiver down" });
    expect((await row()).runAt.getTime()).toBe(clock + 1_000);

    clock += 999;
    await alerts.runOnce();
    expect(broken.requests).toHaveLength(1); // not due yet
    clock += 1;
    await alerts.runOnce();
    expect(broken.requests).toHaveLength(2);
    expect((await row()).runAt.getTime()).toBe(clock + 2_000); // doubled
    clock += 2_000;
    await alerts.runOnce();
    expect(broken.requests).toHaveLength(3);
    expect(await row()).toMatchObject({ status: "SENT", attempt: 3 });
    // Every delivery attempt carried the same idempotency key, so the receiver can dedupe.
    expect(new Set(broken.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(healthy.requests).toHaveLength(1);
  });

  it("measures error-state counts and the action failure rate from real worker runs", async () => {
    const actionHook = await hook(() => 500);
    await publishedWorkflow(
      handle.db,
      "extraction",
      webhookWorkflow(actionHook.url, { maxAttempts: 1, strategy: "fixed", initialDelayMs: 0, jitter: "none" }),
    );
    const worker = createWorker({
      db: handle.db,
      allowedHosts: "127.0.0.1",
      webhookSecret: SECRET,
      log: () => undefined,
    });
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "extraction", title: "scan" });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    await worker.runOnce();
    expect((await handle.db.prisma.document.findUniqueOrThrow({ where: { id: document.id } })).state).toBe(
      "extraction_failed",
    );

    const rate = await createAlertRule(handle.db, ADMIN, {
      name: "Extraction failing",
      workflow: "extraction",
      condition: "FAILURE_RATE",
      threshold: 50,
      windowMinutes: 10,
    });
    const errors = await createAlertRule(handle.db, ADMIN, {
      name: "Errors",
      workflow: "extraction",
      condition: "ERROR_STATE_COUNT",
      threshold: 0,
    });
    const quiet = await createAlertRule(handle.db, ADMIN, {
      name: "Over SLA",
      workflow: "extraction",
      condition: "OVER_SLA_COUNT",
      threshold: 0,
    });
    const pass = await loop().runOnce();
    expect(pass.evaluated.find((r) => r.ruleId === rate.id)).toMatchObject({ outcome: "opened", value: 100 });
    expect(pass.evaluated.find((r) => r.ruleId === errors.id)).toMatchObject({ outcome: "opened", value: 1 });
    expect(pass.evaluated.find((r) => r.ruleId === quiet.id)).toMatchObject({ outcome: "quiet", value: 0 });

    // Disabling a rule resolves its alert at once (recorded), and it is no longer evaluated.
    await updateAlertRule(handle.db, ADMIN, { id: errors.id, isEnabled: false });
    expect((await handle.db.prisma.alert.findFirstOrThrow({ where: { ruleId: errors.id } })).status).toBe("RESOLVED");
    clock += INTERVAL;
    expect((await loop().runOnce()).evaluated.find((r) => r.ruleId === errors.id)).toBeUndefined();
  });
});

describe("alert rules on the embedded database (PGlite)", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("pglite");
    await publishedWorkflow(handle.db, "invoices");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("opens and resolves with the same claims and transactions", async () => {
    let clock = Date.now();
    const alerts = createAlertLoop({ db: handle.db, intervalMs: INTERVAL, now: () => clock, log: () => undefined });
    const rule = await createAlertRule(handle.db, ADMIN, {
      name: "Embedded",
      workflow: "invoices",
      state: "review",
      condition: "STATE_COUNT",
      threshold: 0,
    });
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "invoices", title: "e" });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    expect((await alerts.runOnce()).evaluated).toEqual([{ ruleId: rule.id, outcome: "opened", value: 1 }]);
    clock += INTERVAL;
    expect((await alerts.runOnce()).evaluated).toEqual([{ ruleId: rule.id, outcome: "still_open", value: 1 }]);
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "back" });
    clock += INTERVAL;
    expect((await alerts.runOnce()).evaluated).toEqual([{ ruleId: rule.id, outcome: "resolved", value: 0 }]);
  });
});
