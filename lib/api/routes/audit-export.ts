import { apiRoute } from "../api-route";
import { auditExportQuery } from "../../contracts/audit-requests";
import { auditCsvHeader, auditCsvLine } from "../../services/audit-log/audit-csv";
import { iterateAuditLog } from "../../services/audit-log/list-audit-log";

// The whole filtered audit log as CSV, streamed a keyset page at a time (memory stays flat).
export const GET = apiRoute({ role: "admin", query: auditExportQuery }, async ({ db, actor, query }) => {
  const entries = iterateAuditLog(db, actor, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      const next = await entries.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvLine(next.value)));
    },
    async cancel() {
      await entries.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="docstate-audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
