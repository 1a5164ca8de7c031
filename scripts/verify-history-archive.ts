// npm run verify-history-archive -- <file.jsonl.gz> [more files, oldest first] — re-reads
// archived history partitions (DOCSTATE_HISTORY_RETENTION, docs/history-partitions.md) and
// checks each file's count and every document's hash chain; a document continued from an
// earlier file given before it is chained to that file's last hash. Exits 1 on the first
// file that does not verify.
import { verifyHistoryArchive } from "../lib/services/history/history-archive-file";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npm run verify-history-archive -- <file.jsonl.gz> [...]");
  process.exit(2);
}
const anchors = new Map<string, string>();
for (const file of files) {
  const verdict = await verifyHistoryArchive(file, anchors);
  if (!verdict.ok) {
    console.error(`${file}: does not verify: ${verdict.problem}`);
    process.exit(1);
  }
  for (const [documentId, hash] of verdict.lastHashes) anchors.set(documentId, hash);
  console.log(
    `${file}: partition ${verdict.name}, ${verdict.events} event(s) of ${verdict.documents} document(s), chains intact` +
      (verdict.anchoredOnStoredHash
        ? ` (${verdict.anchoredOnStoredHash} continued from an earlier archive not given)`
        : ""),
  );
}
