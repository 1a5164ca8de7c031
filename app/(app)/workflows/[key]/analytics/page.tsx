import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActionsSection } from "@/components/analytics/actions-section";
import { DwellSection } from "@/components/analytics/dwell-section";
import { FlowSection } from "@/components/analytics/flow-section";
import { PathsSection } from "@/components/analytics/paths-section";
import { PeopleSection } from "@/components/analytics/people-section";
import { PERIOD_DAYS, PeriodPicker } from "@/components/analytics/period-picker";
import { ThroughputSection } from "@/components/analytics/throughput-section";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { getActionAnalytics } from "@/lib/services/analytics/get-action-analytics";
import { getDwellAnalytics } from "@/lib/services/analytics/get-dwell-analytics";
import { getPathAnalytics } from "@/lib/services/analytics/get-path-analytics";
import { getPeopleAnalytics } from "@/lib/services/analytics/get-people-analytics";
import { getThroughputAnalytics } from "@/lib/services/analytics/get-throughput-analytics";
import { requirePageActor } from "../../../page-auth";

const paramsSchema = z.object({ key: z.string().min(1).max(63) });
const searchSchema = z.object({
  period: z.enum(["24h", "7d", "30d", "custom"]).catch("7d"),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }): Promise<Metadata> {
  return { title: `Analytics · ${(await params).key}` };
}

const DAY_MS = 86_400_000;

/** The requested period: a preset ending now, or whole UTC days from/to inclusive. */
function requestedPeriod(search: z.infer<typeof searchSchema>, now: Date) {
  if (search.period === "custom" && search.from && search.to)
    return {
      from: new Date(`${search.from}T00:00:00Z`),
      to: new Date(new Date(`${search.to}T00:00:00Z`).getTime() + DAY_MS),
    };
  const days = PERIOD_DAYS[search.period === "custom" ? "7d" : search.period];
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

/**
 * Process analytics of one workflow: where documents wait, throughput and work in progress,
 * which paths they take and which actions fail, for a period, read from the rollups.
 */
export default async function WorkflowAnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const workflow = parsed.data.key;
  const search = searchSchema.parse(await searchParams);
  const now = new Date();
  const period = requestedPeriod(search, now);
  const db = await getDb();
  const query = { workflow, ...period };
  const loaded = await Promise.all([
    getDwellAnalytics(db, query, now),
    getThroughputAnalytics(db, query, now),
    getPathAnalytics(db, query, now),
    getActionAnalytics(db, query, now),
    // People are about colleagues: admins only (the service refuses anyone else).
    actor.role === "admin" ? getPeopleAnalytics(db, actor, query, now) : Promise.resolve(null),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "WORKFLOW_NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "INVALID_PERIOD") return error.message;
    throw error;
  });
  const fromDay = period.from.toISOString().slice(0, 10);
  const toDay = new Date(period.to.getTime() - 1).toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="Analytics"
        description={
          <>
            <span className="font-mono">{workflow}</span> · where documents wait, what flows through and what fails.
            Compared with the previous period of the same length.
          </>
        }
        actions={
          <>
            <Link href={`/workflows/${encodeURIComponent(workflow)}`} className={buttonClass.secondary}>
              Designer
            </Link>
            <Link href={`/documents?workflow=${encodeURIComponent(workflow)}`} className={buttonClass.secondary}>
              Documents
            </Link>
          </>
        }
      />
      <div className="mb-6">
        <PeriodPicker workflow={workflow} active={search.period} from={fromDay} to={toDay} />
      </div>
      {typeof loaded === "string" ? (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300"
        >
          {loaded}
        </p>
      ) : (
        <div className="grid gap-6">
          <DwellSection workflow={workflow} data={loaded[0]} />
          <ThroughputSection workflow={workflow} data={loaded[1]} />
          <FlowSection workflow={workflow} data={loaded[2]} />
          {/* Side by side only where the actions table (six columns) fits without scrolling. */}
          <div className="grid gap-6 2xl:grid-cols-2">
            <ActionsSection workflow={workflow} data={loaded[3]} />
            <PathsSection workflow={workflow} data={loaded[2]} />
          </div>
          {loaded[4] && <PeopleSection workflow={workflow} data={loaded[4]} />}
        </div>
      )}
    </>
  );
}
