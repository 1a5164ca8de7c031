import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../config/env";

/*
 * The generated first admin's password, kept in the data dir (mode 0600, like the session
 * secret) so the newcomer can find it after the start banner scrolled away. It lives only
 * until the admin replaces it: the change-password action deletes it, and every start
 * deletes a file whose password is no longer the admin's.
 */

/** The e-mail of the admin DocState generates when no DOCSTATE_ADMIN_EMAIL is set. */
export const GENERATED_ADMIN_EMAIL = "admin@docstate.local";

export function generatedAdminPasswordFile(): string {
  return path.join(getEnv().dataDir, "admin-password");
}

export function writeGeneratedAdminPassword(password: string): string {
  const file = generatedAdminPasswordFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  // writeFileSync applies the mode only when it creates the file.
  fs.chmodSync(file, 0o600);
  return file;
}

export function hasGeneratedAdminPassword(): boolean {
  return fs.existsSync(generatedAdminPasswordFile());
}

/** Removes the file; fine when it is already gone. */
export function deleteGeneratedAdminPassword(): void {
  fs.rmSync(generatedAdminPasswordFile(), { force: true });
}
