import { randomBytes } from "node:crypto";
import type { ServiceDb } from "../db-types";

const INSTALL_SCOPE = "install";

/** The scope of a workflow's own secrets. */
export const workflowScope = (workflowKey: string) => `workflow:${workflowKey}`;

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a vault. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

let installSecret: string | undefined;

/**
 * The secrets a webhook is signed with, current first (see sign-payload.ts for the header):
 * the workflow's own secrets still valid (a rotated-out one until its grace period ends);
 * else DOCSTATE_WEBHOOK_SECRET when configured; else the install secret, generated once and
 * kept in the database so every instance and worker signs alike. Never empty: no webhook
 * leaves unsigned.
 */
export async function resolveSigningSecrets(
  db: Pick<ServiceDb, "prisma">,
  input: { workflowKey: string | null; configuredSecret: string | undefined; now: Date },
): Promise<string[]> {
  if (input.workflowKey !== null) {
    const rows = await db.prisma.webhookSigningSecret.findMany({
      where: { scope: workflowScope(input.workflowKey), OR: [{ expiresAt: null }, { expiresAt: { gt: input.now } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { secret: true },
      take: 5,
    });
    if (rows.length > 0) return rows.map((r) => r.secret);
  }
  if (input.configuredSecret) return [input.configuredSecret];
  return [await getInstallSecret(db)];
}

/**
 * The install-wide secret. Two instances starting at once may both insert one; everyone then
 * uses the oldest, so they still agree.
 */
export async function getInstallSecret(db: Pick<ServiceDb, "prisma">): Promise<string> {
  if (installSecret) return installSecret;
  const oldest = () =>
    db.prisma.webhookSigningSecret.findFirst({
      where: { scope: INSTALL_SCOPE },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { secret: true },
    });
  let row = await oldest();
  if (!row) {
    await db.prisma.webhookSigningSecret.create({ data: { scope: INSTALL_SCOPE, secret: generateSigningSecret() } });
    row = await oldest();
  }
  return (installSecret = row!.secret);
}

/** Test helper: forget the cached install secret (a new test database has another). */
export function resetInstallSecretCache(): void {
  installSecret = undefined;
}
