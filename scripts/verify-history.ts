// npm run verify-history [-- <documentId>] — recomputes the history hash chains (every
// document, or one) and exits 1 naming the first broken event of each broken chain.
import { getEnv } from "../lib/config/env";
import { exitOnStartupError } from "../lib/config/startup-error";
import { closeDb, getDb } from "../lib/db/client";
import { isAppError } from "../lib/errors/app-error";
import { verifyAllHistory, verifyDocumentHistory } from "../lib/services/history/verify-history";

const documentId = process.argv[2];
let exitCode = 0;
try {
  getEnv();
  const db = await getDb();
  try {
    if (documentId) {
      const verdict = await verifyDocumentHistory(db, { id: documentId });
      if (verdict.ok)
        console.log(`document ${documentId}: ${verdict.checked} event(s), chain intact, last hash ${verdict.lastHash}`);
      else {
        console.error(
          `document ${documentId}: chain broken at event seq ${verdict.firstBrokenSeq} (${verdict.checked} checked)`,
        );
        exitCode = 1;
      }
    } else {
      const result = await verifyAllHistory(db, ({ documentId: id, firstBrokenSeq }) =>
        console.error(`document ${id}: chain broken at event seq ${firstBrokenSeq}`),
      );
      console.log(
        `${result.documents} document(s), ${result.events} event(s) checked, ${result.broken.length} broken chain(s)`,
      );
      if (result.broken.length) exitCode = 1;
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(error.message);
    exitCode = 2;
  }
  await closeDb();
} catch (error) {
  exitOnStartupError(error);
}
process.exit(exitCode);
