import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../config/env";
import { StartupError } from "../config/startup-error";

let cached: string | undefined;

/**
 * The session-signing secret: NEXTAUTH_SECRET when set; otherwise, outside production on a
 * shared PostgreSQL, one generated once and kept in the data dir (so sessions survive
 * restarts of the embedded default). Production with DATABASE_URL requires NEXTAUTH_SECRET,
 * because every instance must sign sessions with the same key.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  if (env.NODE_ENV === "production" && !env.isEmbedded) {
    throw new StartupError("NEXTAUTH_SECRET is required in production with DATABASE_URL (all instances must share it)");
  }
  const file = path.join(env.dataDir, "auth-secret");
  try {
    if (fs.existsSync(file)) {
      const stored = fs.readFileSync(file, "utf8").trim();
      if (stored.length >= 32) return (cached = stored);
    }
    fs.mkdirSync(env.dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return (cached = secret);
  } catch (error) {
    throw new StartupError(`cannot read or create the session secret in ${file}: ${(error as Error).message}`);
  }
}
