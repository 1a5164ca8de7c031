import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, findState, parseDefinition, resolveTransition } from "../../lib/engine";
import { seedDemo } from "../../lib/services/demo/seed-demo";
import { verifyAllHistory } from "../../lib/services/history/verify-history";
import { createApiToken } from "../../lib/services/tokens/create-api-token";
import { ensureBootstrapToken } from "../../lib/services/tokens/ensure-bootstrap-token";
import { revokeApiToken } from "../../lib/services/tokens/revoke-api-token";
import { verifyApiToken } from "../../lib/services/tokens/verify-api-token";
import { ensureAdmin } from "../../lib/services/users/ensure-admin";
import { verifyCredentials } from "../../lib/services/users/verify-credentials";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";

describe("sign-in, tokens and demo seed on PostgreSQL", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
  });
  afterAll(async () => handle?.close());

  it("creates the first admin once and never resets its password", async () => {
    const db = handle.db;
    expect(await ensureAdmin(db, { email: "Boss@Example.com", password: "first-password" })).toEqual({
      email: "boss@example.com",
      created: true,
    });
    expect(await ensureAdmin(db, { email: "other@example.com", password: "second-password" })).toEqual({
      email: "boss@example.com",
      created: false,
    });
    expect(await verifyCredentials(db, { email: "boss@example.com", password: "first-password" })).toMatchObject({
      role: "admin",
    });
    expect(await verifyCredentials(db, { email: "boss@example.com", password: "second-password" })).toBeNull();
  });

  it("accepts only live tokens, stores only their hash, and keeps a revoked bootstrap token revoked", async () => {
    const db = handle.db;
    const created = await createApiToken(db, SYSTEM_ACTOR, { name: "erp", role: "operator" });
    expect(await verifyApiToken(db, created.token)).toMatchObject({ type: "API", role: "operator" });
    const stored = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(stored)).not.toContain(created.token);
    await revokeApiToken(db, SYSTEM_ACTOR, { id: created.id });
    expect(await verifyApiToken(db, created.token)).toBeNull();
    const expired = await createApiToken(db, SYSTEM_ACTOR, {
      name: "old",
      role: "viewer",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await verifyApiToken(db, expired.token)).toBeNull();
    await expect(
      createApiToken(db, { ...SYSTEM_ACTOR, role: "operator" }, { name: "x", role: "admin" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const bootstrap = "bootstrap-token-0123456789-abcdef";
    expect(await ensureBootstrapToken(db, bootstrap)).toBe("created");
    expect(await ensureBootstrapToken(db, bootstrap)).toBe("exists");
    const audited = await db.prisma.auditLog.findMany({ where: { action: "token.create", actorType: "SYSTEM" } });
    expect(
      audited.filter((a) => (a.details as { source?: string }).source === "DOCSTATE_BOOTSTRAP_TOKEN"),
    ).toHaveLength(1);
    expect(await verifyApiToken(db, bootstrap)).toMatchObject({ role: "admin" });
    const row = await db.prisma.apiToken.findFirstOrThrow({ where: { name: "bootstrap" } });
    await revokeApiToken(db, SYSTEM_ACTOR, { id: row.id });
    expect(await ensureBootstrapToken(db, bootstrap)).toBe("revoked");
    expect(await verifyApiToken(db, bootstrap)).toBeNull();
  });

  it("seeds a realistic demo once, with histories the workflow allows", async () => {
    const db = handle.db;
    const [first, second] = await Promise.all([seedDemo(db), seedDemo(db)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(await db.prisma.workflow.count()).toBe(2);
    const documents = await db.prisma.document.findMany({
      select: {
        id: true,
        state: true,
        version: true,
        lastSeq: true,
        workflowVersion: { select: { definition: true } },
        history: { orderBy: { seq: "asc" } },
      },
    });
    expect(documents.length).toBeGreaterThanOrEqual(300);
    const states = new Set(documents.map((d) => d.state));
    expect(states.size).toBeGreaterThanOrEqual(8);
    for (const doc of documents) {
      const parsed = parseDefinition(doc.workflowVersion.definition);
      if (!parsed.ok) throw new Error("seeded definition invalid");
      const def = parsed.definition;
      expect(doc.history.map((e) => e.seq)).toEqual(doc.history.map((_, i) => i + 1));
      expect(doc.lastSeq).toBe(doc.history.length);
      let state: string | null = null;
      for (const event of doc.history) {
        if (event.type === "CREATED") state = event.toState;
        if (event.type === "TRANSITION") {
          const decision = resolveTransition(def, state!, event.transitionKey!, "admin", {
            invoiceNumber: "x",
            amount: 1,
            employee: "x",
          });
          expect(decision.ok && decision.to).toBe(event.toState);
          state = event.toState;
        }
      }
      expect(state).toBe(doc.state);
      expect(findState(def, doc.state)).toBeDefined();
    }
    // The bulk-loaded histories chain like any other (the insert trigger hashes every writer).
    const chains = await verifyAllHistory(db);
    expect(chains).toMatchObject({ documents: documents.length, broken: [] });
    expect(await seedDemo(db)).toMatchObject({ created: false });
  });
});
