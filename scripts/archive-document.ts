// npm run archive-document -- <documentId> [<directory>] — retention: exports a terminal
// document's history as JSON Lines to <directory>/<documentId>.jsonl (default: the data
// directory's archive/), audits the archival, then deletes the document and its history.
// See lib/services/history/archive-document.ts. With the embedded database, stop the app first.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getEnv } from "../lib/config/env";
import { exitOnStartupError } from "../lib/config/startup-error";
import { closeDb, getDb } from "../lib/db/client";
import type { Actor } from "../lib/engine";
import { isAppError } from "../lib/errors/app-error";
import { archiveDocument } from "../lib/services/history/archive-document";

const [documentId, directoryArgument] = process.argv.slice(2);
if (!documentId) {
  console.error("usage: npm run archive-document -- <documentId> [<directory>]");
  process.exit(2);
}
// Whoever has shell and database access is the admin here; the audit row names the OS user.
const actor: Actor = { type: "SYSTEM", id: null, name: `cli:${os.userInfo().username}`, role: "admin" };

let exitCode = 0;
try {
  const env = getEnv();
  const directory = path.resolve(directoryArgument ?? path.join(env.dataDir, "archive"));
  const db = await getDb();
  try {
    const result = await archiveDocument(db, actor, { id: documentId }, async (jsonLines) => {
      await fs.mkdir(directory, { recursive: true });
      const target = path.join(directory, `${documentId}.jsonl`);
      // Written and synced before the transaction deletes anything; never overwrites an export.
      const file = await fs.open(target, "wx", 0o600);
      try {
        await file.writeFile(jsonLines, "utf8");
        await file.sync();
      } finally {
        await file.close();
      }
      return { location: target };
    });
    console.log(
      `archived document ${result.documentId}: ${result.events} event(s) to ${result.location} (sha256 ${result.exportSha256}, chain ${result.chain.ok ? "intact" : `broken at seq ${result.chain.firstBrokenSeq}`})`,
    );
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(error.message);
    exitCode = 1;
  }
  await closeDb();
} catch (error) {
  exitOnStartupError(error);
}
process.exit(exitCode);
