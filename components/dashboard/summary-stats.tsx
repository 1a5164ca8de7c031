import Link from "next/link";
import type { Dashboard } from "@/lib/services/stats/get-dashboard";
import { formatCount } from "../ui/format";
import { cardClass } from "../ui/styles";
import { documentsHref } from "@/lib/contracts/document-filter";

type Tone = "neutral" | "red" | "amber";

interface Tile {
  id: string;
  label: string;
  value: string;
  hint: string;
  href: string;
  tone: Tone;
}

const TONE: Record<Tone, { card: string; text: string }> = {
  neutral: { card: "", text: "text-slate-900 dark:text-white" },
  red: {
    card: "border-red-200 bg-red-50/60 dark:border-red-900/60 dark:bg-red-950/20",
    text: "text-red-700 dark:text-red-300",
  },
  amber: {
    card: "border-amber-200 bg-amber-50/60 dark:border-amber-900/50 dark:bg-amber-950/20",
    text: "text-amber-800 dark:text-amber-300",
  },
};

/** Pure: "4.2%" with one decimal, "—" when no action ran. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;
}

/** The headline numbers above the workflow cards; each opens the matching documents list. */
export function SummaryStats({ totals, workflows }: { totals: Dashboard["totals"]; workflows: number }) {
  const tiles: Tile[] = [
    {
      id: "documents",
      label: "Documents",
      value: formatCount(totals.documents),
      hint: `in ${workflows} workflow${workflows === 1 ? "" : "s"}`,
      href: documentsHref(),
      tone: "neutral",
    },
    {
      id: "errored",
      label: "In error",
      value: formatCount(totals.errored),
      hint: totals.errored ? "need a person" : "nothing to fix",
      href: documentsHref({ errors: true }),
      tone: totals.errored ? "red" : "neutral",
    },
    {
      id: "over-sla",
      label: "Over SLA",
      value: formatCount(totals.overSla),
      hint: totals.overSla ? "waiting too long" : "all within SLA",
      href: documentsHref({ sla: "over" }),
      tone: totals.overSla ? "amber" : "neutral",
    },
    {
      id: "retrying",
      label: "Retrying",
      value: formatCount(totals.retrying),
      hint: "will run again",
      href: documentsHref({ status: "retrying" }),
      tone: "neutral",
    },
    {
      id: "transitions",
      label: "Transitions 24 h",
      value: formatCount(totals.transitions24h),
      hint: `${formatCount(totals.active)} in progress now`,
      href: documentsHref(),
      tone: "neutral",
    },
    {
      id: "failure-rate",
      label: "Action failures 24 h",
      value: formatRate(totals.failureRate),
      hint: totals.failureRate === null ? "no actions ran" : "of action attempts",
      href: documentsHref({ status: "retrying" }),
      tone: (totals.failureRate ?? 0) >= 0.05 ? "red" : "neutral",
    },
  ];
  return (
    <dl className="mb-8 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {tiles.map((t) => (
        <div
          key={t.id}
          className={`${cardClass} relative px-4 py-3.5 transition-shadow hover:shadow-md ${TONE[t.tone].card}`}
          data-testid={`total-${t.id}`}
        >
          <dt
            className={`text-[11px] font-medium tracking-wide uppercase ${t.tone === "neutral" ? "text-slate-500 dark:text-slate-400" : TONE[t.tone].text}`}
          >
            {t.label}
          </dt>
          <dd className={`tabular mt-1 text-2xl font-semibold tracking-tight ${TONE[t.tone].text}`}>
            {/* The whole tile is the link (stretched), the number is its name. */}
            <Link
              href={t.href}
              className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
              aria-label={`${t.label}: ${t.value}`}
            >
              {t.value}
            </Link>
          </dd>
          <dd className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400">{t.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
