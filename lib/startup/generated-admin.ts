import {
  GENERATED_ADMIN_EMAIL,
  deleteGeneratedAdminPassword,
  generatedAdminPasswordFile,
  hasGeneratedAdminPassword,
  writeGeneratedAdminPassword,
} from "../auth/generated-admin-password";
import type { Db } from "../db/client";
import { ensureAdmin } from "../services/users/ensure-admin";
import { getActiveUser } from "../services/users/get-active-user";
import { generatePassword } from "../services/users/reset-password";
import { retireKnownPassword } from "../services/users/retire-known-password";

// The demo admin's password before DocState generated one; installs that still have it get
// a generated one instead.
const RETIRED_DEFAULT_PASSWORD = "docstate-admin";

/**
 * The first admin of an install started without DOCSTATE_ADMIN_EMAIL/PASSWORD: a random
 * password, printed once in the start banner and kept in a 0600 file in the data dir until
 * the admin replaces it at first sign-in (which they must). Returns the banner lines.
 */
export async function ensureGeneratedAdmin(db: Db): Promise<string[]> {
  const file = generatedAdminPasswordFile();
  const password = generatePassword();
  const admin = await ensureAdmin(db, {
    email: GENERATED_ADMIN_EMAIL,
    password,
    name: "Admin",
    mustChangePassword: true,
  });
  const isReplaced =
    !admin.created &&
    (await retireKnownPassword(db, {
      email: GENERATED_ADMIN_EMAIL,
      knownPassword: RETIRED_DEFAULT_PASSWORD,
      newPassword: password,
    }));
  if (admin.created || isReplaced) {
    writeGeneratedAdminPassword(password);
    return [
      `sign in as ${GENERATED_ADMIN_EMAIL} with the generated password ${password}`,
      `  (shown once; kept in ${file} until you choose your own at first sign-in)`,
    ];
  }
  if (!hasGeneratedAdminPassword()) return [`admin: ${admin.email}`];
  const user = await findUserByEmail(db, GENERATED_ADMIN_EMAIL);
  if (user?.mustChangePassword) return [`sign in as ${GENERATED_ADMIN_EMAIL} with the password in ${file}`];
  // The admin chose their own password in a process that could not delete the file.
  deleteGeneratedAdminPassword();
  return [`admin: ${admin.email}`];
}

async function findUserByEmail(db: Db, email: string) {
  const row = await db.prisma.user.findUnique({ where: { email }, select: { id: true } });
  return row ? getActiveUser(db, row.id) : null;
}
