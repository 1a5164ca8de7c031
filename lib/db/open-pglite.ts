import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import lockfile from "proper-lockfile";
import { StartupError } from "../config/startup-error";

export interface EmbeddedDatabase {
  pglite: PGlite;
  directory: string;
  close(): Promise<void>;
}

/**
 * Opens the embedded PGlite database in `<dataDir>/pgdata`, creating missing directories
 * (PGlite does not). PGlite is single-process, so a lock file guards the directory: a second
 * process gets a clear StartupError instead of corrupting the files.
 */
export async function openPglite(dataDir: string): Promise<EmbeddedDatabase> {
  const directory = path.join(dataDir, "pgdata");
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StartupError(`cannot create the data directory ${dataDir}: ${(error as Error).message}`);
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(directory, { stale: 15_000, update: 5_000, realpath: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new StartupError(
        `the embedded database in ${directory} is in use by another DocState process; stop it, or set DATABASE_URL to share PostgreSQL`,
      );
    }
    throw new StartupError(`cannot lock the embedded database in ${directory}: ${(error as Error).message}`);
  }
  let pglite: PGlite;
  try {
    // pg_trgm: the documents search's trigram index (migration 20261211010001_document_search_trigram).
    pglite = await PGlite.create(directory, { extensions: { pg_trgm } });
    // UTC like every PostgreSQL session we open (open-postgres.ts: Prisma's adapters need it).
    await pglite.exec("SET TimeZone = 'UTC'");
  } catch (error) {
    await release().catch(() => undefined);
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new StartupError(
      `the embedded database in ${directory} cannot be opened (damaged or not a PGlite directory?): ${reason}`,
    );
  }
  return {
    pglite,
    directory,
    async close() {
      await pglite.close().catch(() => undefined);
      await release().catch(() => undefined);
    },
  };
}
