import { createHash } from "node:crypto";
import type { Actor } from "../../engine";
import { deleteArchivedDocument } from "../../db/sql/delete-archived-document";
import { selectHistoryChainPage, type ChainRow } from "../../db/sql/select-history-chain";
import { executorFor } from "../../db/sql/sql-executor";
import { lockDocumentRow } from "../../db/sql/transaction-locks";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { findDocumentOrThrow } from "../documents/find-document";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { ChainWalker, type ChainVerdict } from "./history-chain";

const PAGE = 5_000;

export interface ArchivedDocument {
  documentId: string;
  events: number;
  /** Where `writeExport` put the JSON Lines. */
  location: string;
  /** sha256 of the export, hex, also in the audit row, so the file can be checked later. */
  exportSha256: string;
  chain: ChainVerdict;
}

/**
 * Retention: the only way a document with history leaves the database. Admins only, and only
 * a document in a terminal state (nothing can happen to it any more). In one transaction,
 * with the document row locked: reads its whole history, hands it to `writeExport` as JSON
 * Lines (one event per line, every column including its hash, then a last line with the
 * chain verdict) and waits for it to be durably written, records `document.archive` in the
 * audit log (title, workflow, event count, last hash, the export's sha256), then deletes the
 * history and the document (delete-archived-document.ts). If anything fails, nothing is
 * deleted; an export written before a failure is harmless (the rows are still there).
 */
export async function archiveDocument(
  db: ServiceDb,
  actor: Actor,
  input: { id: string },
  writeExport: (jsonLines: string) => Promise<{ location: string }>,
): Promise<ArchivedDocument> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "Only admins may archive documents.");
  const doc = await findDocumentOrThrow(db, input.id, {
    id: true,
    title: true,
    state: true,
    workflowVersionId: true,
    workflow: { select: { key: true } },
  });
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const isTerminal = definition.states.some((s) => s.key === doc.state && s.kind === "terminal");
  if (!isTerminal)
    throw new AppError("NOT_ARCHIVABLE", `Document "${doc.id}" is in state "${doc.state}", which is not terminal.`);
  return db.prisma.$transaction(
    async (tx) => {
      const sql = executorFor(tx);
      const locked = await lockDocumentRow(sql, doc.id);
      if (locked?.state !== doc.state)
        throw new AppError("CONFLICT", `Document "${doc.id}" changed while it was being archived; try again.`);
      const rows: ChainRow[] = [];
      for (;;) {
        const page = await selectHistoryChainPage(sql, { documentId: doc.id, after: rows.at(-1) ?? null, limit: PAGE });
        rows.push(...page);
        if (page.length < PAGE) break;
      }
      const walker = new ChainWalker();
      rows.forEach((row) => walker.add(row));
      const chain = walker.verdict();
      const jsonLines =
        rows.map((row) => JSON.stringify({ workflow: doc.workflow.key, title: doc.title, ...row })).join("\n") +
        `\n${JSON.stringify({ documentId: doc.id, verified: chain })}\n`;
      const exportSha256 = createHash("sha256").update(jsonLines, "utf8").digest("hex");
      const { location } = await writeExport(jsonLines);
      await recordAudit(tx, actor, {
        action: "document.archive",
        entityType: "document",
        entityId: doc.id,
        details: {
          title: doc.title,
          workflow: doc.workflow.key,
          state: doc.state,
          events: rows.length,
          lastHash: rows.at(-1)?.hashHex ?? null,
          chainOk: chain.ok,
          exportSha256,
          location,
        },
      });
      const events = await deleteArchivedDocument(sql, doc.id);
      return { documentId: doc.id, events, location, exportSha256, chain };
    },
    { timeout: 120_000 },
  );
}
