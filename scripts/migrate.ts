// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database.
import { getEnv } from "../lib/config/env";
import { exitOnStartupError } from "../lib/config/startup-error";
import { closeDb, getDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";

try {
  getEnv();
  const db = await getDb();
  const result = await db.withConnection((conn) => migrate(conn));
  console.log(
    result.applied.length
      ? `applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
      : `database is up to date (${result.alreadyApplied} migration(s))`,
  );
  await closeDb();
} catch (error) {
  exitOnStartupError(error);
}
