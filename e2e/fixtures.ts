import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import type { Role } from "../lib/engine";
import { hashPassword } from "../lib/services/users/password";

/*
 * Shared fixtures of the browser specs. The server (e2e/server.ts) runs on a fresh
 * PostgreSQL database named by playwright.config.ts; specs reach the same database to set
 * up users and to check what the UI did, and sign in through the real /login form.
 */

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** Same as test/helpers/test-database.ts withDatabase(): the server URL with another database. */
export function runDatabaseUrl(): string {
  const name = process.env.E2E_DATABASE_NAME;
  if (!name) throw new Error("E2E_DATABASE_NAME is set by playwright.config.ts");
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${name}`;
  return url.toString();
}

interface Fixtures {
  /**
   * Inserts an active user with the given role straight into the database; with
   * `mustChangePassword` they must replace the password at sign-in, like the generated first
   * admin or a user whose password an admin reset.
   */
  createUser(
    role: Role,
    overrides?: Partial<Pick<TestUser, "name" | "email" | "password">> & { mustChangePassword?: boolean },
  ): Promise<TestUser>;
  /** Signs in through the /login form and waits until the app has left the login page. */
  signIn(page: Page, user: TestUser): Promise<void>;
}

// The fixture callback is named `provide`, not `use`, so React's hook lint rule stays quiet.
export const test = base.extend<Fixtures, { db: pg.Pool }>({
  db: [
    async ({}, provide) => {
      const pool = new pg.Pool({ connectionString: runDatabaseUrl(), max: 3 });
      await provide(pool);
      await pool.end();
    },
    { scope: "worker" },
  ],

  createUser: async ({ db }, provide, testInfo) => {
    let n = 0;
    await provide(async (role, overrides = {}) => {
      n += 1;
      const slug = `${role}-${testInfo.workerIndex}-${Date.now().toString(36)}-${n}`;
      const user: TestUser = {
        id: randomUUID(),
        email: overrides.email ?? `${slug}@e2e.test`,
        name: overrides.name ?? `${role.charAt(0).toUpperCase()}${role.slice(1)} ${n}`,
        role,
        password: overrides.password ?? `pw-${randomUUID()}`,
      };
      // User.updatedAt has no database default (Prisma sets it), so the insert must.
      await db.query(
        `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "mustChangePassword", "updatedAt")
         VALUES ($1, $2, $3, $4::"Role", $5, $6, now())`,
        // The database keeps the role enum's upper-case labels (schema.prisma maps them).
        [
          user.id,
          user.email,
          user.name,
          user.role.toUpperCase(),
          await hashPassword(user.password),
          overrides.mustChangePassword ?? false,
        ],
      );
      return user;
    });
  },

  signIn: async ({}, provide) => {
    await provide(async (page, user) => {
      if (!page.url().includes("/login")) await page.goto("/login");
      await page.getByLabel("E-mail").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).not.toHaveURL(/\/login/);
    });
  },
});

export { expect };

/** Rows of a one-column-per-name query, e.g. counts by key. */
export async function countsBy(db: pg.Pool, sql: string, params: unknown[] = []): Promise<Map<string, number>> {
  const result = await db.query<{ key: string; count: string }>(sql, params);
  return new Map(result.rows.map((r) => [r.key, Number(r.count)]));
}
