import type { Actor } from "../../engine";
import type { ServiceDb } from "../db-types";
import { hashToken } from "./token-hash";

// lastUsedAt is for humans; writing it on every request would make reads write-heavy.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor behind a bearer token, or null when it is unknown, revoked or expired. */
export async function verifyApiToken(db: ServiceDb, token: string, now = new Date()): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const row = await db.prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, role: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return { type: "API", id: row.id, name: `token:${row.name}`, role: row.role };
}
