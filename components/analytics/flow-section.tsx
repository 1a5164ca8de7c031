"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from "recharts";
import type { LinkProps, NodeProps } from "recharts/types/chart/Sankey";
import type { PathAnalytics } from "@/lib/services/analytics/get-path-analytics";
import { tookHref } from "./analytics-links";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, TableHead } from "./analytics-card";
import { CsvButton } from "./csv-button";
import { CREATION, sankeyGraph } from "./sankey-graph";

const NODE_WIDTH = 10;
const LABEL_ROOM = 150;
const stateName = (key: string) => (key === CREATION ? "created" : key);

/**
 * Flows of the period: a Sankey of the forward transitions (recharts, like the page's other
 * charts), the flows back to an earlier state listed beside it (a Sankey cannot draw cycles;
 * see sankey-graph.ts), and every transition as a table. Each band, back-edge and row opens
 * the documents that took it in the period.
 */
export function FlowSection({ workflow, data }: { workflow: string; data: PathAnalytics }) {
  const router = useRouter();
  const graph = useMemo(() => sankeyGraph(data.transitions), [data.transitions]);
  const open = (from: string, to: string) => router.push(tookHref(workflow, data.period, { from, to }));
  const height = Math.max(240, Math.min(560, graph.nodes.length * 44));

  const link = (props: LinkProps) => {
    const { sourceX, targetX, sourceY, targetY, sourceControlX, targetControlX, linkWidth, payload } = props;
    const from = String(payload.source.name);
    const to = String(payload.target.name);
    return (
      <path
        // A filled band (not a thick stroke): its box has the band's height, so it is hit,
        // hovered and seen where it is drawn, even when it runs straight.
        d={bandPath(sourceX, sourceY, targetX, targetY, sourceControlX, targetControlX, Math.max(1, linkWidth))}
        role="link"
        tabIndex={0}
        aria-label={`${payload.value} documents from ${stateName(from)} to ${stateName(to)}: open them`}
        data-testid="sankey-link"
        data-took={`${from}>${to}`}
        className="cursor-pointer fill-indigo-500/30 outline-none hover:fill-indigo-500/55 focus-visible:fill-indigo-500/60 dark:fill-indigo-400/25 dark:hover:fill-indigo-400/50"
        onClick={() => open(from, to)}
        onKeyDown={(event) => event.key === "Enter" && open(from, to)}
      />
    );
  };
  const node = (props: NodeProps) => {
    const { x, y, width, height: h, payload } = props;
    const key = String(payload.name);
    return (
      <Layer key={key}>
        <Rectangle
          x={x}
          y={y}
          width={width}
          height={h}
          radius={2}
          className={key === CREATION ? "fill-slate-400 dark:fill-slate-500" : "fill-indigo-600 dark:fill-indigo-400"}
        />
        <text
          x={x + width + 6}
          y={y + h / 2}
          dy="0.35em"
          textAnchor="start"
          // A halo in the card's colour keeps a label readable over the bands it crosses.
          className="fill-slate-700 stroke-white stroke-[3px] font-mono text-[11px] [paint-order:stroke] dark:fill-slate-200 dark:stroke-slate-900"
        >
          {stateName(key)} · {Number(payload.value).toLocaleString("en")}
        </text>
      </Layer>
    );
  };

  return (
    <AnalyticsCard
      id="flow"
      title="Flow"
      description="Transitions of the period: band width is how many documents took it. Click a band or a row to see those documents."
      actions={
        <CsvButton
          filename={`${workflow}-transitions.csv`}
          header={["from", "to", "transition", "type", "count", "in_latest_version"]}
          rows={data.transitions.map((t) => [
            t.fromState,
            t.toState,
            t.transition,
            t.type,
            t.count,
            t.inLatestVersion ? 1 : 0,
          ])}
        />
      }
    >
      {graph.links.length === 0 ? (
        <EmptyAnalytics>No document moved in this period.</EmptyAnalytics>
      ) : (
        <>
          <div style={{ height }} data-testid="flow-sankey">
            <ResponsiveContainer width="100%" height="100%">
              <Sankey
                data={{ nodes: graph.nodes.map((name) => ({ name })), links: graph.links }}
                node={node}
                link={link}
                nodeWidth={NODE_WIDTH}
                nodePadding={24}
                // Room on the right for the end states' labels, which sit right of their bars like the rest.
                margin={{ top: 8, right: LABEL_ROOM, bottom: 8, left: 8 }}
                iterations={32}
              >
                <Tooltip content={<FlowTooltip />} />
              </Sankey>
            </ResponsiveContainer>
          </div>
          {graph.back.length > 0 && (
            <div className="mt-3" data-testid="flow-back-edges">
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Flows back to an earlier state (rework) close loops a Sankey cannot draw; they are counted here:
              </p>
              <ul className="mt-1.5 flex flex-wrap gap-2">
                {graph.back.map((b) => (
                  <li key={`${b.from}>${b.to}`}>
                    <Link
                      href={tookHref(workflow, data.period, b)}
                      prefetch={false}
                      className="inline-flex items-center gap-1.5 rounded-full border border-amber-300 bg-amber-50 px-2.5 py-0.5 font-mono text-xs text-amber-900 hover:border-amber-500 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200"
                    >
                      ↩ {stateName(b.from)} → {b.to}
                      <span className="tabular font-sans font-semibold">{b.count.toLocaleString("en")}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {data.transitions.length > 0 && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-200">
            All {data.transitions.length} transitions
          </summary>
          <div className="mt-2 overflow-x-auto">
            <table className={tableClass} data-testid="flow-transitions">
              <TableHead columns={["From", "To", "Transition", "Kind", "Documents"]} />
              <tbody>
                {data.transitions.map((t) => (
                  <tr key={`${t.fromState}|${t.toState}|${t.transition}|${t.type}`}>
                    <td className={`${tdClass} font-mono text-xs`}>{stateName(t.fromState)}</td>
                    <td className={`${tdClass} font-mono text-xs`}>
                      {t.toState}
                      {!t.inLatestVersion && (
                        <span className="ml-1 font-sans text-[10px] text-slate-400">older version only</span>
                      )}
                    </td>
                    <td className={`${tdClass} font-mono text-xs`}>{t.transition || "—"}</td>
                    <td className={`${tdClass} text-xs`}>{KIND_LABEL[t.type] ?? t.type}</td>
                    <td className={tdClass}>
                      <Link
                        href={tookHref(workflow, data.period, {
                          from: t.fromState,
                          to: t.toState,
                          transition: t.transition,
                        })}
                        prefetch={false}
                        className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                      >
                        {t.count.toLocaleString("en")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </AnalyticsCard>
  );
}

/** The outline of a band of width w between two node sides, along recharts' link curve. */
function bandPath(sx: number, sy: number, tx: number, ty: number, c0: number, c1: number, w: number): string {
  const h = w / 2;
  return (
    `M${sx},${sy - h} C${c0},${sy - h} ${c1},${ty - h} ${tx},${ty - h} ` +
    `L${tx},${ty + h} C${c1},${ty + h} ${c0},${sy + h} ${sx},${sy + h} Z`
  );
}

const KIND_LABEL: Record<string, string> = {
  CREATED: "created",
  TRANSITION: "transition",
  FORCED_MOVE: "moved by hand",
  MANUAL_RETRY: "manual retry",
  MIGRATED: "version migration",
};

function FlowTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly {
    payload?: { payload?: { source?: { name?: string }; target?: { name?: string }; value?: number; name?: string } };
    value?: unknown;
    name?: unknown;
  }[];
}) {
  if (!active || !payload?.length) return null;
  const item = payload[0]!;
  const inner = item.payload?.payload;
  const text =
    inner?.source && inner.target
      ? `${stateName(String(inner.source.name))} → ${stateName(String(inner.target.name))}`
      : stateName(String(inner?.name ?? item.name ?? ""));
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900">
      <div className="font-mono font-medium text-slate-900 dark:text-white">{text}</div>
      <div className="tabular text-slate-600 dark:text-slate-300">
        {Number(item.value).toLocaleString("en")} documents
      </div>
    </div>
  );
}
