import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor, type Role } from "../../lib/engine";
import { AppError } from "../../lib/errors/app-error";
import { createUser } from "../../lib/services/users/create-user";
import { getActiveUser } from "../../lib/services/users/get-active-user";
import { listUsers } from "../../lib/services/users/list-users";
import { updateUser } from "../../lib/services/users/update-user";
import { verifyCredentials } from "../../lib/services/users/verify-credentials";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";

const PASSWORD = "correct horse battery";

/** Expects `promise` to reject with an AppError of `code`. */
async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("user management services on PostgreSQL", () => {
  let handle: OpenedTestDb;
  let admin: Actor;
  let counter = 0;

  const userActor = (user: { id: string; email: string; role: Role }): Actor => ({
    type: "USER",
    id: user.id,
    name: user.email,
    role: user.role,
  });
  const newUser = (role: Role) =>
    createUser(handle.db, SYSTEM_ACTOR, {
      email: `user${++counter}@example.com`,
      name: `User ${counter}`,
      role,
      password: PASSWORD,
    });
  const auditCount = (entityId: string) => handle.db.prisma.auditLog.count({ where: { entityType: "user", entityId } });

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    admin = userActor(await newUser("admin"));
  });
  afterAll(async () => handle?.close());

  describe("authorization", () => {
    it.each<Role>(["viewer", "operator"])("refuses every user operation to a %s and writes nothing", async (role) => {
      const actor = userActor(await newUser(role));
      const target = await newUser("viewer");
      const usersBefore = await handle.db.prisma.user.count();
      const auditBefore = await handle.db.prisma.auditLog.count();

      await expectAppError(listUsers(handle.db, actor), "FORBIDDEN");
      await expectAppError(
        createUser(handle.db, actor, {
          email: "sneaky@example.com",
          name: "Sneaky",
          role: "admin",
          password: PASSWORD,
        }),
        "FORBIDDEN",
      );
      await expectAppError(updateUser(handle.db, actor, { id: target.id, role: "admin" }), "FORBIDDEN");
      await expectAppError(updateUser(handle.db, actor, { id: actor.id!, role: "admin" }), "FORBIDDEN");
      await expectAppError(updateUser(handle.db, actor, { id: target.id, isDisabled: true }), "FORBIDDEN");

      expect(await handle.db.prisma.user.count()).toBe(usersBefore);
      expect(await handle.db.prisma.auditLog.count()).toBe(auditBefore);
      expect(
        await handle.db.prisma.user.findUnique({ where: { id: target.id }, select: { role: true, disabledAt: true } }),
      ).toEqual({ role: "viewer", disabledAt: null });
    });
  });

  describe("createUser", () => {
    it("creates a user who can sign in, with a normalised e-mail, a hashed password and an audit entry", async () => {
      const created = await createUser(handle.db, admin, {
        email: "  Ada@Example.COM ",
        name: " Ada Lovelace ",
        role: "operator",
        password: PASSWORD,
      });
      expect(created).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", role: "operator" });
      const row = await handle.db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(PASSWORD);
      expect(await verifyCredentials(handle.db, { email: "ADA@example.com", password: PASSWORD })).toMatchObject({
        id: created.id,
        role: "operator",
      });
      const audit = await handle.db.prisma.auditLog.findFirstOrThrow({
        where: { entityType: "user", entityId: created.id },
      });
      expect(audit).toMatchObject({
        action: "user.create",
        actorType: "USER",
        actorId: admin.id,
        actorName: admin.name,
      });
      expect(audit.details).toEqual({ email: "ada@example.com", name: "Ada Lovelace", role: "operator" });
    });

    it("refuses a taken e-mail (any case) as DUPLICATE_KEY on the email field", async () => {
      const error = await expectAppError(
        createUser(handle.db, admin, {
          email: "ADA@example.com",
          name: "Other Ada",
          role: "viewer",
          password: PASSWORD,
        }),
        "DUPLICATE_KEY",
      );
      expect(error.fieldErrors).toEqual([{ path: "email", message: "This e-mail is already in use." }]);
      expect(await handle.db.prisma.user.count({ where: { email: "ada@example.com" } })).toBe(1);
    });

    it("refuses a password under 12 characters", async () => {
      const error = await expectAppError(
        createUser(handle.db, admin, {
          email: "short@example.com",
          name: "Short",
          role: "viewer",
          password: "12345678901",
        }),
        "VALIDATION_FAILED",
      );
      expect(error.fieldErrors?.[0]?.path).toBe("password");
      expect(await handle.db.prisma.user.count({ where: { email: "short@example.com" } })).toBe(0);
    });
  });

  describe("updateUser", () => {
    it("never lets an admin demote or disable themself", async () => {
      await expectAppError(updateUser(handle.db, admin, { id: admin.id!, role: "operator" }), "FORBIDDEN");
      await expectAppError(updateUser(handle.db, admin, { id: admin.id!, isDisabled: true }), "FORBIDDEN");
      expect(await getActiveUser(handle.db, admin.id!)).toMatchObject({ role: "admin" });
    });

    it("never demotes or disables the last active admin, even for an admin API token", async () => {
      const token: Actor = { type: "API", id: "token-1", name: "token:ops", role: "admin" };
      // Make sure exactly one active admin exists for this case.
      await handle.db.prisma.user.updateMany({
        where: { role: "admin", id: { not: admin.id! } },
        data: { role: "operator" },
      });
      await expectAppError(updateUser(handle.db, token, { id: admin.id!, role: "viewer" }), "CONFLICT");
      await expectAppError(updateUser(handle.db, token, { id: admin.id!, isDisabled: true }), "CONFLICT");
      expect(await getActiveUser(handle.db, admin.id!)).toMatchObject({ role: "admin" });
    });

    it("changes roles and records from/to in the audit log", async () => {
      const target = await newUser("viewer");
      const updated = await updateUser(handle.db, admin, { id: target.id, role: "admin" });
      expect(updated).toMatchObject({ id: target.id, role: "admin", disabledAt: null });
      const demoted = await updateUser(handle.db, admin, { id: target.id, role: "operator" });
      expect(demoted.role).toBe("operator");
      const audit = await handle.db.prisma.auditLog.findMany({
        where: { entityType: "user", entityId: target.id, action: "user.role_change" },
        orderBy: { id: "asc" },
      });
      expect(audit.map((a) => a.details)).toEqual([
        { email: target.email, from: "viewer", to: "admin" },
        { email: target.email, from: "admin", to: "operator" },
      ]);
    });

    it("disables a user, who then cannot sign in or use a session, and enables them again", async () => {
      const target = await newUser("operator");
      const disabled = await updateUser(handle.db, admin, { id: target.id, isDisabled: true });
      expect(disabled.disabledAt).toBeInstanceOf(Date);
      expect(await getActiveUser(handle.db, target.id)).toBeNull();
      expect(await verifyCredentials(handle.db, { email: target.email, password: PASSWORD })).toBeNull();
      await updateUser(handle.db, admin, { id: target.id, isDisabled: false });
      expect(await getActiveUser(handle.db, target.id)).toMatchObject({ id: target.id });
      const actions = await handle.db.prisma.auditLog.findMany({
        where: { entityType: "user", entityId: target.id, action: { startsWith: "user." } },
        orderBy: { id: "asc" },
        select: { action: true },
      });
      expect(actions.map((a) => a.action)).toEqual(["user.create", "user.disable", "user.enable"]);
    });

    it("writes nothing for a change that changes nothing, and 404s an unknown user", async () => {
      const target = await newUser("viewer");
      const before = await auditCount(target.id);
      await updateUser(handle.db, admin, { id: target.id, role: "viewer", isDisabled: false });
      expect(await auditCount(target.id)).toBe(before);
      await expectAppError(
        updateUser(handle.db, admin, { id: "00000000-0000-4000-8000-000000000000", role: "viewer" }),
        "NOT_FOUND",
      );
    });

    it("lets exactly one of two admins demoting each other at the same time win", async () => {
      await handle.db.prisma.user.updateMany({ where: { role: "admin" }, data: { role: "operator" } });
      const a = userActor(await newUser("admin"));
      const b = userActor(await newUser("admin"));
      const results = await Promise.allSettled([
        updateUser(handle.db, a, { id: b.id!, role: "viewer" }),
        updateUser(handle.db, b, { id: a.id!, role: "viewer" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((rejected.reason as AppError).code).toBe("CONFLICT");
      expect(await handle.db.prisma.user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
      // restore the suite's admin for any later test
      await handle.db.prisma.user.update({ where: { id: admin.id! }, data: { role: "admin" } });
    });
  });

  it("lists users admins first without password hashes", async () => {
    const users = await listUsers(handle.db, admin);
    expect(users.length).toBeGreaterThan(3);
    expect(users[0]!.role).toBe("admin");
    expect(users.every((u) => !("passwordHash" in u))).toBe(true);
  });
});
