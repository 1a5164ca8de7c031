import type { Metadata } from "next";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass, textLinkClass } from "@/components/ui/styles";
import { auditListQuery, KNOWN_AUDIT_ACTIONS } from "@/lib/contracts/audit-requests";
import { auditSearchParams } from "@/lib/contracts/audit-url";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { listAuditLog } from "@/lib/services/audit-log/list-audit-log";
import { requirePageActor } from "../page-auth";

export const metadata: Metadata = { title: "Audit log" };

const FILTER_KEYS = ["actor", "action", "targetType", "target", "from", "to"] as const;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await requirePageActor();
  const header = (
    <PageHeader
      title="Audit log"
      description="Who did what, when and from where: sign-ins, users and roles, tokens, workflows, alert rules, forced moves, bulk operations and archival."
    />
  );
  if (actor.role !== "admin") {
    return (
      <>
        {header}
        <Alert tone="notice" title="Admins only">
          The audit log is visible to admins. Ask an admin if you need to know who changed something.
        </Alert>
      </>
    );
  }
  const raw = await searchParams;
  // The filter form submits every field; an empty one means "any".
  const text = Object.fromEntries(
    Object.entries(raw).flatMap(([key, value]) => (typeof value === "string" && value.trim() ? [[key, value]] : [])),
  ) as Record<string, string>;
  const filterText = Object.fromEntries(FILTER_KEYS.map((key) => [key, text[key]])) as Record<
    string,
    string | undefined
  >;
  const parsed = auditListQuery.safeParse({ ...filterText, ...(text.cursor ? { cursor: text.cursor } : {}) });
  const isFiltered = FILTER_KEYS.some((key) => filterText[key]);
  const exportHref = `/api/v1/audit/export${auditSearchParams(filterText)}`;

  if (!parsed.success) {
    return (
      <>
        {header}
        <AuditFilterForm values={filterText} actions={KNOWN_AUDIT_ACTIONS} />
        <Alert title="That filter cannot be used">
          <ul className="mt-1 list-disc pl-5">
            {parsed.error.issues.map((issue) => (
              <li key={`${issue.path.join(".")}:${issue.message}`}>
                {issue.path.join(".") || "filter"}: {issue.message}
              </li>
            ))}
          </ul>
        </Alert>
      </>
    );
  }
  const db = await getDb();
  let page;
  try {
    page = await listAuditLog(db, actor, parsed.data);
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION_FAILED") {
      return (
        <>
          {header}
          <AuditFilterForm values={filterText} actions={KNOWN_AUDIT_ACTIONS} />
          <Alert title="That page link is out of date">
            {error.message}{" "}
            <a className={textLinkClass} href={`/audit${auditSearchParams(filterText)}`}>
              Newest entries
            </a>
          </Alert>
        </>
      );
    }
    throw error;
  }
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when and from where. Append-only: the database refuses to change or delete an entry."
        actions={
          <a href={exportHref} className={buttonClass.secondary} download>
            Export CSV
          </a>
        }
      />
      <AuditFilterForm values={filterText} actions={KNOWN_AUDIT_ACTIONS} />
      {page.items.length === 0 ? (
        <EmptyState icon={InboxIcon} title={isFiltered ? "No entries match this filter" : "Nothing audited yet"}>
          {isFiltered
            ? "Widen the date range or clear a field."
            : "Sign-ins, role changes, token creation, publishes and other admin actions appear here as they happen."}
        </EmptyState>
      ) : (
        <AuditTable entries={page.items} now={new Date()} />
      )}
      <nav aria-label="Audit pages" className="mt-4 flex items-center justify-between text-sm">
        {parsed.data.cursor ? (
          <a className={buttonClass.secondary} href={`/audit${auditSearchParams(filterText)}`}>
            Newest entries
          </a>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <a className={buttonClass.secondary} href={`/audit${auditSearchParams(filterText, page.nextCursor)}`}>
            Older entries
          </a>
        )}
      </nav>
    </>
  );
}
