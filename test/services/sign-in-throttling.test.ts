import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../lib/engine";
import { AppError } from "../../lib/errors/app-error";
import { createUser } from "../../lib/services/users/create-user";
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from "../../lib/services/users/sign-in-throttle-policy";
import { verifyCredentials } from "../../lib/services/users/verify-credentials";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const PASSWORD = "correct horse battery";

/** The outcome of one sign-in: "ok", "wrong" (checked and refused) or "throttled" (not checked). */
async function attempt(
  handle: OpenedTestDb,
  input: { email: string; password: string; address: string; now?: Date },
): Promise<"ok" | "wrong" | "throttled"> {
  try {
    return (await verifyCredentials(handle.db, input)) ? "ok" : "wrong";
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED") return "throttled";
    throw error;
  }
}

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});

describe.each<TestDbKind>(["postgres", "pglite"])("sign-in throttling on %s", (kind) => {
  let handle: OpenedTestDb;
  let n = 0;
  const newAccount = async () =>
    (
      await createUser(handle.db, SYSTEM_ACTOR, {
        email: `person${++n}@example.com`,
        name: `Person ${n}`,
        role: "viewer",
        password: PASSWORD,
      })
    ).email;
  // Every password check writes one audit row (throttled attempts write none). The audit log
  // is append-only, so each test counts the rows after the last one before it.
  let auditBefore = BigInt(0);
  const ownAudit = () => ({ id: { gt: auditBefore }, action: { startsWith: "auth." } });
  const checkedPasswords = () =>
    handle.db.prisma.auditLog.count({
      where: { id: { gt: auditBefore }, action: { in: ["auth.sign_in", "auth.sign_in_failed"] } },
    });

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 20 });
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await handle.db.prisma.loginThrottle.deleteMany();
    auditBefore =
      (await handle.db.prisma.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? BigInt(0);
  });

  it("checks at most the allowed number of 60 parallel wrong guesses at one account from one address", async () => {
    const email = await newAccount();
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(handle, { email, password: `guess-${i}`, address: "198.51.100.1" })),
    );
    const checked = await checkedPasswords();
    // The account's free attempts, plus the address's first attempt, which may always check
    // (a clean address gets through a locked account; see sign-in-throttle-policy.ts).
    expect(checked).toBeGreaterThanOrEqual(ACCOUNT_THROTTLE.freeAttempts);
    expect(checked).toBeLessThanOrEqual(ACCOUNT_THROTTLE.freeAttempts + 1);
    expect(tally(outcomes)).toEqual({ wrong: checked, throttled: 60 - checked });
  });

  it("throttles spraying 50 accounts from one address by the address", async () => {
    const emails = await Promise.all(Array.from({ length: 50 }, () => newAccount()));
    const outcomes = await Promise.all(
      emails.map((email) => attempt(handle, { email, password: "Winter2026!!", address: "203.0.113.66" })),
    );
    expect(tally(outcomes)).toEqual({
      wrong: ADDRESS_THROTTLE.freeAttempts,
      throttled: 50 - ADDRESS_THROTTLE.freeAttempts,
    });
    expect(await checkedPasswords()).toBe(ADDRESS_THROTTLE.freeAttempts);
    // Another address is not slowed by it.
    expect(await attempt(handle, { email: emails[0]!, password: PASSWORD, address: "192.0.2.10" })).toBe("ok");
  });

  it("does not let a stranger lock a user out: the right password from a clean address still works", async () => {
    const email = await newAccount();
    const stranger = "198.51.100.200";
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i += 1)
      outcomes.push(await attempt(handle, { email, password: `nope-${i}`, address: stranger }));
    expect(tally(outcomes)).toEqual({
      wrong: ACCOUNT_THROTTLE.freeAttempts,
      throttled: 8 - ACCOUNT_THROTTLE.freeAttempts,
    });
    // The account is locked for the stranger, even with the right password...
    expect(await attempt(handle, { email, password: PASSWORD, address: stranger })).toBe("throttled");
    // ...but its owner, from an address with no failures, signs in, which clears the lock.
    expect(await attempt(handle, { email, password: PASSWORD, address: "192.0.2.77" })).toBe("ok");
    const row = await handle.db.prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } });
    expect(row).toBeNull();
  });

  it("a clean address gets one check at a locked account, not a second", async () => {
    const email = await newAccount();
    for (let i = 0; i < ACCOUNT_THROTTLE.freeAttempts; i += 1) {
      await attempt(handle, { email, password: `nope-${i}`, address: "198.51.100.9" });
    }
    const fresh = "192.0.2.200";
    expect(await attempt(handle, { email, password: "another guess", address: fresh })).toBe("wrong");
    expect(await attempt(handle, { email, password: PASSWORD, address: fresh })).toBe("throttled");
  });

  it("locks out exponentially, and by time alone", async () => {
    const email = await newAccount();
    const address = "198.51.100.50";
    const t0 = new Date(Date.now() + 60_000);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < ACCOUNT_THROTTLE.freeAttempts; i += 1) {
      expect(await attempt(handle, { email, password: "x-wrong-x", address, now: t0 })).toBe("wrong");
    }
    // The fifth attempt locked the account for 1 s, the next for 2 s, then 4 s.
    expect(await attempt(handle, { email, password: PASSWORD, address, now: at(900) })).toBe("throttled");
    expect(await attempt(handle, { email, password: "x-wrong-x", address, now: at(1_000) })).toBe("wrong");
    expect(await attempt(handle, { email, password: PASSWORD, address, now: at(2_900) })).toBe("throttled");
    expect(await attempt(handle, { email, password: "x-wrong-x", address, now: at(3_000) })).toBe("wrong");
    const row = await handle.db.prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(row.lockedUntil?.getTime()).toBe(at(7_000).getTime());
    // Unlocked by time: the right password works once the lock has run out. (Every attempt,
    // refused ones too, also counted on the address: this is its 10th and last free one.)
    expect(await attempt(handle, { email, password: PASSWORD, address, now: at(7_000) })).toBe("ok");
  });

  it("caps the lock at 15 minutes and forgets failures after an hour", async () => {
    const email = await newAccount();
    const t0 = new Date(Date.now() + 120_000);
    await handle.db.prisma.loginThrottle.create({
      data: { key: `account:${email}`, failures: 200, lastFailureAt: t0, lockedUntil: t0 },
    });
    expect(await attempt(handle, { email, password: "x-wrong-x", address: "198.51.100.51", now: t0 })).toBe("wrong");
    const row = await handle.db.prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(row.lockedUntil!.getTime() - t0.getTime()).toBe(ACCOUNT_THROTTLE.maxLockMs);
    const later = new Date(t0.getTime() + ACCOUNT_THROTTLE.forgetAfterMs + 1);
    expect(await attempt(handle, { email, password: "x-wrong-x", address: "198.51.100.51", now: later })).toBe("wrong");
    const forgotten = await handle.db.prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(forgotten.failures).toBe(1);
  });

  it("slows unknown e-mails exactly like known ones", async () => {
    const known = await newAccount();
    const results: Record<string, string[]> = { known: [], unknown: [] };
    for (const [label, email] of [
      ["known", known],
      ["unknown", "nobody-here@example.com"],
    ] as const) {
      for (let i = 0; i < 7; i += 1) {
        results[label]!.push(
          await attempt(handle, {
            email,
            password: "x-wrong-x",
            address: label === "known" ? "192.0.2.101" : "192.0.2.102",
          }),
        );
      }
    }
    expect(results.known).toEqual(results.unknown);
  });

  it("audits checked sign-ins with the address, and a success gives the address its attempt back", async () => {
    const email = await newAccount();
    const address = "2001:db8::5";
    expect(await attempt(handle, { email, password: "x-wrong-x", address })).toBe("wrong");
    expect(await attempt(handle, { email, password: PASSWORD, address })).toBe("ok");
    const audit = await handle.db.prisma.auditLog.findMany({
      where: ownAudit(),
      orderBy: { id: "asc" },
      select: { action: true, actorName: true, details: true },
    });
    expect(audit).toEqual([
      { action: "auth.sign_in_failed", actorName: email, details: { address, reason: "wrong_password" } },
      { action: "auth.sign_in", actorName: email, details: { address } },
    ]);
    const row = await handle.db.prisma.loginThrottle.findUniqueOrThrow({ where: { key: `address:${address}` } });
    expect(row.failures).toBe(1);
  });
});
