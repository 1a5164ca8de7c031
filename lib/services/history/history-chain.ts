import { createHash } from "node:crypto";
import type { ChainRow } from "../../db/sql/select-history-chain";

/*
 * The history hash chain, recomputed independently of the database trigger that writes it
 * (migration 20261206110000_tamper_evident_history). For each event of a document:
 *
 *   hash(seq) = sha256( hash(seq - 1) || utf8(canonical JSON of the event) )
 *   hash(0)   = 32 zero bytes
 *
 * The canonical JSON is a JSON array of, in this order: documentId, seq, type, fromState,
 * toState, transitionKey, actorType, actorId, actorName, reason, details, documentVersion,
 * idempotencyKey, at. It is written as PostgreSQL writes JSON text (json_build_array): elements separated by
 * ", ", strings with `"`, `\`, \b \f \n \r \t escaped and other control characters as
 * \u00xx (lowercase hex), everything else raw UTF-8; null for absent values; numbers in
 * decimal; details as the database's own jsonb text of it (keys sorted by length, then
 * bytes; ": " and ", " separators); at as UTC `YYYY-MM-DDTHH:MM:SS.mmmZ`.
 */

export const GENESIS_HASH = Buffer.alloc(32);

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** A string as PostgreSQL's escape_json writes it. Pure. */
export function jsonbString(value: string): string {
  const escaped = value.replace(
    /["\\\u0000-\u001f]/g,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${escaped}"`;
}

const text = (value: string | null) => (value === null ? "null" : jsonbString(value));

/** The canonical JSON of one event (see the header). Pure. */
export function canonicalEventJson(row: ChainRow): string {
  return `[${[
    text(row.documentId),
    String(row.seq),
    text(row.type),
    text(row.fromState),
    text(row.toState),
    text(row.transitionKey),
    text(row.actorType),
    text(row.actorId),
    text(row.actorName),
    text(row.reason),
    row.detailsText ?? "null",
    String(row.documentVersion),
    text(row.idempotencyKey),
    text(row.atText),
  ].join(", ")}]`;
}

/** The hash of an event given its predecessor's. Pure. */
export function chainHash(previous: Buffer, row: ChainRow): Buffer {
  return createHash("sha256").update(previous).update(canonicalEventJson(row), "utf8").digest();
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /**
   * The stored hash of the last event checked (hex), null without events. Kept somewhere the
   * database's owner cannot write, it anchors the chain: a rewrite that recomputes every
   * hash still changes it.
   */
  lastHash: string | null;
  /** The first event whose stored hash (or seq) does not follow from its predecessors. */
  firstBrokenSeq?: number;
}

/**
 * Walks one document's chain, fed its events in seq order (several pages may feed one walker).
 * A chain breaks at the first event whose seq is not the next one (a deleted row) or whose
 * stored hash differs from the recomputed one (an edited row or hash), and at lastSeq + 1
 * of a chain shorter than the document's lastSeq (a deleted tail).
 */
export class ChainWalker {
  private previous: Buffer = GENESIS_HASH;
  private expectedSeq = 1;
  private lastSeq = 0;
  private lastHash: string | null = null;
  checked = 0;
  firstBrokenSeq: number | undefined;

  add(row: ChainRow): void {
    this.lastSeq = row.lastSeq;
    if (this.firstBrokenSeq !== undefined) return;
    this.checked += 1;
    this.lastHash = row.hashHex;
    const computed = chainHash(this.previous, row);
    if (row.seq !== this.expectedSeq || row.hashHex !== computed.toString("hex")) {
      this.firstBrokenSeq = Math.min(row.seq, this.expectedSeq);
      return;
    }
    this.previous = computed;
    this.expectedSeq += 1;
  }

  verdict(): ChainVerdict {
    if (this.firstBrokenSeq === undefined && this.expectedSeq - 1 < this.lastSeq)
      this.firstBrokenSeq = this.expectedSeq;
    return this.firstBrokenSeq === undefined
      ? { ok: true, checked: this.checked, lastHash: this.lastHash }
      : { ok: false, checked: this.checked, lastHash: this.lastHash, firstBrokenSeq: this.firstBrokenSeq };
  }
}
