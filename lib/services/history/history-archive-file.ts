import { createHash } from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { PassThrough } from "node:stream";
import zlib from "node:zlib";
import type { ChainRow } from "../../db/sql/select-history-chain";
import { GENESIS_HASH, chainHash } from "./history-chain";

/*
 * One archived history partition as a gzip-compressed JSON Lines file:
 *   line 1:     {"kind":"partition","name","from","to"}
 *   then:       one event per line (every column of select-history-chain's ChainRow, hash included),
 *               in (documentId, seq) order
 *   last line:  {"kind":"end","events","documents"}
 * verifyHistoryArchive re-reads it and checks, per document, that seqs follow each other and
 * that every hash follows from its predecessor's (the same recomputation as the database's
 * verifier, history-chain.ts). A document's first event in the file chains to the genesis hash
 * when its seq is 1; otherwise to the last hash of that document in an earlier archive file
 * passed before it (`anchors`), else its stored hash is taken as the anchor (reported).
 */

export interface ArchiveHeader {
  kind: "partition";
  name: string;
  from: string | null;
  to: string | null;
}

/** Writes the file at `filePath` (through a temporary name, renamed once flushed); returns its sha256 and size. */
export async function writeHistoryArchive(
  filePath: string,
  header: Omit<ArchiveHeader, "kind">,
  pages: AsyncIterable<ChainRow[]>,
): Promise<{ sha256: string; bytes: number; events: number; documents: number }> {
  const temporary = `${filePath}.${process.pid}.partial`;
  const lines = new PassThrough();
  const gzip = zlib.createGzip({ level: 6 });
  const digest = createHash("sha256");
  let bytes = 0;
  gzip.on("data", (chunk: Buffer) => {
    digest.update(chunk);
    bytes += chunk.length;
  });
  const written = pipeline(lines, gzip, fs.createWriteStream(temporary));
  const write = (value: unknown) =>
    lines.write(`${JSON.stringify(value)}\n`) ? Promise.resolve() : new Promise((r) => lines.once("drain", r));
  let events = 0;
  let documents = 0;
  let lastDocument: string | null = null;
  await write({ kind: "partition", ...header });
  for await (const page of pages) {
    for (const row of page) {
      if (row.documentId !== lastDocument) documents += 1;
      lastDocument = row.documentId;
      events += 1;
      await write(row);
    }
  }
  await write({ kind: "end", events, documents });
  lines.end();
  await written;
  const handle = await fs.promises.open(temporary, "r");
  await handle.sync();
  await handle.close();
  await fs.promises.rename(temporary, filePath);
  return { sha256: digest.digest("hex"), bytes, events, documents };
}

export interface ArchiveVerdict {
  ok: boolean;
  name: string | null;
  events: number;
  documents: number;
  /** Documents whose first event in the file has seq > 1 and no anchor from an earlier file. */
  anchoredOnStoredHash: number;
  /** The first problem found, if any. */
  problem?: string;
  /** Each document's last hash (hex): anchors for the next file of the same history. */
  lastHashes: Map<string, string>;
}

/** Re-reads an archive file and checks its count and every document's hash chain. */
export async function verifyHistoryArchive(
  filePath: string,
  anchors: ReadonlyMap<string, string> = new Map(),
): Promise<ArchiveVerdict> {
  const input = fs.createReadStream(filePath).pipe(zlib.createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  const verdict: ArchiveVerdict = {
    ok: false,
    name: null,
    events: 0,
    documents: 0,
    anchoredOnStoredHash: 0,
    lastHashes: new Map(),
  };
  const fail = (problem: string) => ({ ...verdict, ok: false, problem });
  let lineNumber = 0;
  let ended = false;
  let documentId: string | null = null;
  let previous: Buffer = GENESIS_HASH;
  let expectedSeq = 0;
  // A file that is not gzip, or a line that is not JSON, is a failed verification, not a crash.
  const lines = async function* () {
    try {
      for await (const line of reader) yield JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      yield { kind: "unreadable", message: error instanceof Error ? error.message : String(error) };
    }
  };
  for await (const value of lines()) {
    lineNumber += 1;
    if (value.kind === "unreadable") return fail(`line ${lineNumber} is unreadable: ${String(value.message)}`);
    if (lineNumber === 1) {
      if (value.kind !== "partition") return fail("line 1 is not the partition header");
      verdict.name = String(value.name);
      continue;
    }
    if (ended) return fail(`line ${lineNumber} follows the end line`);
    if (value.kind === "end") {
      ended = true;
      if (value.events !== verdict.events || value.documents !== verdict.documents)
        return fail(`the end line counts ${String(value.events)} events, the file holds ${verdict.events}`);
      continue;
    }
    const row = value as unknown as ChainRow;
    if (row.documentId !== documentId) {
      if (documentId !== null && row.documentId < documentId) return fail(`line ${lineNumber}: documents out of order`);
      documentId = row.documentId;
      verdict.documents += 1;
      const anchor = anchors.get(row.documentId);
      if (row.seq === 1) previous = GENESIS_HASH;
      else if (anchor) previous = Buffer.from(anchor, "hex");
      else {
        verdict.anchoredOnStoredHash += 1;
        previous = Buffer.from(row.hashHex ?? "", "hex");
        expectedSeq = row.seq + 1;
        verdict.events += 1;
        verdict.lastHashes.set(row.documentId, row.hashHex ?? "");
        continue;
      }
      expectedSeq = row.seq;
    }
    if (row.seq !== expectedSeq) return fail(`document ${row.documentId}: seq ${row.seq} where ${expectedSeq} was due`);
    const computed = chainHash(previous, row);
    if (computed.toString("hex") !== row.hashHex)
      return fail(`document ${row.documentId}: event ${row.seq} does not follow from its predecessor`);
    previous = computed;
    expectedSeq += 1;
    verdict.events += 1;
    verdict.lastHashes.set(row.documentId, row.hashHex);
  }
  if (!ended) return fail("the file ends without its end line (truncated)");
  return { ...verdict, ok: true };
}
