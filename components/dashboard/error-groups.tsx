import Link from "next/link";
import type { ErrorGroup } from "@/lib/services/jobs/list-error-groups";
import type { ErrorGroupRetry as GroupRetry } from "@/lib/services/bulk/list-error-group-retries";
import { ErrorGroupRetry } from "./error-group-retry";
import { Badge } from "../ui/badge";
import { formatAbsolute, formatCount, formatRelative } from "../ui/format";
import { cardClass } from "../ui/styles";
import { actionLinkClass } from "./attention-section";
import { documentsHref } from "@/lib/contracts/document-filter";

/** Splits "webhook: http <n> service unavailable" into the action type and the normalised message. */
function splitSignature(signature: string): { action: string; message: string } {
  const at = signature.indexOf(": ");
  return at < 0
    ? { action: "action", message: signature }
    : { action: signature.slice(0, at), message: signature.slice(at + 2) };
}

/** The key an error group and its retries share. */
export const errorGroupKey = (workflow: string | null, signature: string) => `${workflow ?? ""}\u0000${signature}`;

/**
 * Failing actions grouped by error signature: how many, first/last seen, what came of the
 * group's latest retry (live), and links that preset a bulk retry or move.
 */
export function ErrorGroups({
  groups,
  retries,
  now,
}: {
  groups: ErrorGroup[];
  retries: Map<string, GroupRetry>;
  now: Date;
}) {
  return (
    <ul className="space-y-3">
      {groups.map((g) => {
        const { action, message } = splitSignature(g.signature);
        const filter = { workflow: g.workflow, signature: g.signature };
        return (
          <li
            key={`${g.workflow}/${g.state}/${g.signature}`}
            className={`${cardClass} px-4 py-3.5`}
            data-testid="error-group"
            data-signature={g.signature}
          >
            <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="red">{action}</Badge>
                  <code className="min-w-0 font-mono text-sm font-medium break-words text-slate-900 dark:text-white">
                    {message}
                  </code>
                </div>
                <p className="mt-1 truncate text-xs text-slate-500 dark:text-slate-400" title={g.example}>
                  {g.workflow} · <span className="font-mono">{g.state}</span> · e.g. “{g.example}”
                </p>
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  first seen{" "}
                  <time dateTime={g.firstSeen} title={formatAbsolute(new Date(g.firstSeen))}>
                    {formatRelative(new Date(g.firstSeen), now)}
                  </time>
                  {" · "}last seen{" "}
                  <time dateTime={g.lastSeen} title={formatAbsolute(new Date(g.lastSeen))}>
                    {formatRelative(new Date(g.lastSeen), now)}
                  </time>
                  {g.exhausted > 0 && (
                    <>
                      {" "}
                      ·{" "}
                      <span className="text-red-700 dark:text-red-300">{formatCount(g.exhausted)} out of attempts</span>
                    </>
                  )}
                  {g.retrying > 0 && <> · {formatCount(g.retrying)} still retrying</>}
                </p>
              </div>
              <Link
                href={documentsHref(filter)}
                className="tabular text-right text-2xl font-semibold text-red-700 hover:underline dark:text-red-300"
                aria-label={`Open ${g.count} document${g.count === 1 ? "" : "s"} failing with ${g.signature}`}
              >
                {formatCount(g.count)}
                <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">
                  document{g.count === 1 ? "" : "s"}
                </span>
              </Link>
            </div>
            {retries.get(errorGroupKey(g.workflow, g.signature)) && (
              <ErrorGroupRetry initial={retries.get(errorGroupKey(g.workflow, g.signature))!.operation} />
            )}
            <div className="mt-3 flex flex-wrap gap-2">
              <Link href={documentsHref({ ...filter, bulk: "retry" })} className={actionLinkClass(true)}>
                Retry all…
              </Link>
              <Link href={documentsHref({ ...filter, errors: true, bulk: "move" })} className={actionLinkClass()}>
                Move the failed ones…
              </Link>
              <Link href={documentsHref({ ...filter, bulk: "cancel" })} className={actionLinkClass()}>
                Cancel their actions…
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
