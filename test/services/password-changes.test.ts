import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import { resetEnvCache } from "../../lib/config/env";
import { closeDb, getDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { SYSTEM_ACTOR, type Actor } from "../../lib/engine";
import { AppError } from "../../lib/errors/app-error";
import { getAuthOptions } from "../../lib/auth/next-auth-options";
import { changePassword } from "../../lib/services/users/change-password";
import { createUser } from "../../lib/services/users/create-user";
import { resetPassword } from "../../lib/services/users/reset-password";
import { updateUser } from "../../lib/services/users/update-user";
import { verifyCredentials } from "../../lib/services/users/verify-credentials";
import { startApp } from "../../lib/startup/start-app";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "plum-lantern-Harbour-41";

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/*
 * Runs against the app's own database handle (DATABASE_URL), because the next-auth jwt
 * callback under test reads the user through getDb(), as it does in the server.
 */
describe("password changes, resets and session revocation on PostgreSQL", () => {
  let database: TestDatabase;
  let db: Db;
  let admin: Actor;
  let n = 0;
  const newUser = async (role: "viewer" | "admin" = "viewer") => {
    const user = await createUser(db, SYSTEM_ACTOR, {
      email: `member${++n}@example.com`,
      name: `Member ${n}`,
      role,
      password: PASSWORD,
    });
    return { ...user, actor: { type: "USER", id: user.id, name: user.email, role } as Actor };
  };
  const signIn = (email: string, password: string) =>
    verifyCredentials(db, { email, password, address: `192.0.2.${n}` });

  // The jwt callback exactly as next-auth calls it: at sign-in with `user`, then with the token.
  const jwt = (args: { token: JWT; user?: unknown }) =>
    getAuthOptions().callbacks!.jwt!(
      args as Parameters<NonNullable<ReturnType<typeof getAuthOptions>["callbacks"]>["jwt"] & {}>[0],
    );
  async function sessionFor(email: string, password: string): Promise<JWT> {
    const user = await signIn(email, password);
    expect(user).not.toBeNull();
    return jwt({ token: { sub: user!.id }, user });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    process.env.NEXTAUTH_SECRET = "test-secret-test-secret-test-secret-0123";
    resetEnvCache();
    db = await getDb();
    await db.withConnection((conn) => migrate(conn));
    admin = (await newUser("admin")).actor;
  });
  afterAll(async () => {
    await closeDb();
    await database?.drop();
  });

  it("makes users created by an admin replace their initial password", async () => {
    const user = await newUser();
    expect(await signIn(user.email, PASSWORD)).toMatchObject({ mustChangePassword: true, sessionVersion: 0 });
  });

  it("changes a password only with the current one, under the rules, and ends older sessions", async () => {
    const user = await newUser();
    const before = await sessionFor(user.email, PASSWORD);
    expect(await jwt({ token: before })).toMatchObject({ uid: user.id, mustChangePassword: true });

    const wrong = await appError(
      changePassword(db, user.actor, { currentPassword: "not my password", newPassword: NEW_PASSWORD }),
    );
    expect(wrong).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(wrong.fieldErrors).toEqual([{ path: "currentPassword", message: "That is not your current password." }]);
    const common = await appError(
      changePassword(db, user.actor, { currentPassword: PASSWORD, newPassword: "qwerty123456" }),
    );
    expect(common.fieldErrors?.[0]).toMatchObject({ path: "newPassword" });
    const own = await appError(
      changePassword(db, user.actor, { currentPassword: PASSWORD, newPassword: `${user.email}-x` }),
    );
    expect(own.message).toBe("Do not use your e-mail address in your password.");
    const same = await appError(changePassword(db, user.actor, { currentPassword: PASSWORD, newPassword: PASSWORD }));
    expect(same.fieldErrors?.[0]).toMatchObject({ path: "newPassword" });
    // Nothing was written by the refusals.
    expect(await signIn(user.email, PASSWORD)).toMatchObject({ sessionVersion: 0 });

    await changePassword(db, user.actor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(await signIn(user.email, PASSWORD)).toBeNull();
    expect(await signIn(user.email, NEW_PASSWORD)).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
    // The session from before the change is refused; one from after it is fine.
    await expect(jwt({ token: before })).rejects.toThrow("session ended");
    const after = await sessionFor(user.email, NEW_PASSWORD);
    expect(await jwt({ token: after })).toMatchObject({ uid: user.id, mustChangePassword: false });
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: user.id, action: "user.password_change" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(NEW_PASSWORD);
  });

  it("lets an admin reset a password, generated or typed, which the user must then change", async () => {
    const user = await newUser();
    await changePassword(db, user.actor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    const session = await sessionFor(user.email, NEW_PASSWORD);

    const generated = await resetPassword(db, admin, { id: user.id });
    expect(generated.temporaryPassword).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    await expect(jwt({ token: session })).rejects.toThrow("session ended");
    expect(await signIn(user.email, NEW_PASSWORD)).toBeNull();
    expect(await signIn(user.email, generated.temporaryPassword!)).toMatchObject({ mustChangePassword: true });

    const typed = await resetPassword(db, admin, { id: user.id, password: "Typed-by-the-admin-7" });
    expect(typed.temporaryPassword).toBeNull();
    expect(await signIn(user.email, "Typed-by-the-admin-7")).toMatchObject({ mustChangePassword: true });
    const audit = await db.prisma.auditLog.findMany({
      where: { entityId: user.id, action: "user.password_reset" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => (a.details as { generated: boolean }).generated)).toEqual([true, false]);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(generated.temporaryPassword);
  });

  it("refuses resets to non-admins, to oneself, of unknown users and to common passwords", async () => {
    const user = await newUser();
    const viewer = await newUser();
    expect((await appError(resetPassword(db, viewer.actor, { id: user.id }))).code).toBe("FORBIDDEN");
    expect((await appError(resetPassword(db, admin, { id: admin.id! }))).code).toBe("FORBIDDEN");
    expect((await appError(resetPassword(db, admin, { id: "00000000-0000-4000-8000-000000000000" }))).code).toBe(
      "NOT_FOUND",
    );
    const weak = await appError(resetPassword(db, admin, { id: user.id, password: "password1234" }));
    expect(weak).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await signIn(user.email, PASSWORD)).toMatchObject({ sessionVersion: 0 });
  });

  it("ends sessions when a user is disabled or their role changes", async () => {
    const user = await newUser();
    const first = await sessionFor(user.email, PASSWORD);
    await updateUser(db, admin, { id: user.id, role: "operator" });
    await expect(jwt({ token: first })).rejects.toThrow("session ended");
    const second = await sessionFor(user.email, PASSWORD);
    expect(await jwt({ token: second })).toMatchObject({ role: "operator" });
    await updateUser(db, admin, { id: user.id, isDisabled: true });
    await expect(jwt({ token: second })).rejects.toThrow("session ended");
  });

  it("ends a session 24 hours after sign-in however active it was", async () => {
    const user = await newUser();
    const session = await sessionFor(user.email, PASSWORD);
    const old = { ...session, signedInAt: Math.floor(Date.now() / 1000) - 24 * 60 * 60 - 1 };
    await expect(jwt({ token: old })).rejects.toThrow("session ended");
  });
});

describe("the generated first admin on the embedded database", () => {
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-first-admin-"));
    delete process.env.DATABASE_URL;
    delete process.env.DOCSTATE_ADMIN_EMAIL;
    delete process.env.DOCSTATE_ADMIN_PASSWORD;
    process.env.DOCSTATE_DATA_DIR = dataDir;
    resetEnvCache();
  });
  afterAll(async () => {
    await closeDb();
    process.env = saved;
    resetEnvCache();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("generates a password, prints it once, keeps it in a 0600 file and forces its change", async () => {
    const first = await startApp({ seed: false });
    const line = first.lines.find((l) => l.startsWith("sign in as admin@docstate.local with the generated password"));
    const password = line?.split(" ").at(-1) ?? "";
    expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    const file = path.join(dataDir, "admin-password");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(password);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const admin = await verifyCredentials(first.db, { email: "admin@docstate.local", password, address: "127.0.0.1" });
    expect(admin).toMatchObject({ role: "admin", mustChangePassword: true });
    expect(await verifyCredentials(first.db, { email: "admin@docstate.local", password: "docstate-admin" })).toBeNull();

    // A restart does not print it again, only where to find it.
    const second = await startApp({ seed: false });
    expect(second.lines.join("\n")).not.toContain(password);
    expect(second.lines).toContain(`sign in as admin@docstate.local with the password in ${file}`);

    // Once the admin chose their own, the next start removes the file.
    const actor: Actor = { type: "USER", id: admin!.id, name: admin!.email, role: "admin" };
    await changePassword(first.db, actor, { currentPassword: password, newPassword: NEW_PASSWORD });
    await startApp({ seed: false });
    expect(fs.existsSync(file)).toBe(false);
  });

  it("retires the old published default password of an upgraded install", async () => {
    const { db } = await startApp({ seed: false });
    const { hashPassword } = await import("../../lib/services/users/password");
    await db.prisma.user.update({
      where: { email: "admin@docstate.local" },
      data: { passwordHash: await hashPassword("docstate-admin"), mustChangePassword: false },
    });
    const restarted = await startApp({ seed: false });
    expect(restarted.lines.some((l) => l.includes("with the generated password"))).toBe(true);
    expect(await verifyCredentials(db, { email: "admin@docstate.local", password: "docstate-admin" })).toBeNull();
  });
});
