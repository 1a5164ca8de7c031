import type { ActivityBucket } from "@/lib/services/stats/get-activity";

const HEIGHT = 56;
const BAR = 2;
const GAP = 1;

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/**
 * Transitions per minute over the last 24 h as bars of `bucketMinutes` each, failed action
 * attempts overlaid in red on the same scale. A hand-written SVG: one fixed chart of 144
 * bars needs no axis engine, renders on the server and follows the Tailwind theme classes
 * (a charting library would add ~100 kB to the dashboard for the same picture).
 */
export function ActivityChart({
  buckets,
  bucketMinutes,
  label,
}: {
  buckets: ActivityBucket[];
  bucketMinutes: number;
  label: string;
}) {
  const width = buckets.length * (BAR + GAP) - GAP;
  const peak = Math.max(1, ...buckets.map((b) => Math.max(b.transitions, b.failed)));
  const peakPerMinute = Math.max(...buckets.map((b) => b.transitions)) / bucketMinutes;
  const isEmpty = buckets.every((b) => b.transitions === 0 && b.failed === 0);
  const h = (n: number) => (n === 0 ? 0 : Math.max(1.5, (n / peak) * (HEIGHT - 2)));
  return (
    <figure className="m-0">
      <div className="relative">
        <svg
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={label}
          className="block h-14 w-full"
        >
          <line
            x1={0}
            x2={width}
            y1={HEIGHT - 0.5}
            y2={HEIGHT - 0.5}
            className="stroke-slate-200 dark:stroke-slate-700"
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          />
          {buckets.map((b, i) => {
            const x = i * (BAR + GAP);
            const start = new Date(b.start);
            const end = new Date(start.getTime() + bucketMinutes * 60_000);
            return (
              <g key={b.start} className="group">
                <title>{`${timeFormat.format(start)}–${timeFormat.format(end)} UTC: ${b.transitions} transition${b.transitions === 1 ? "" : "s"} (${(b.transitions / bucketMinutes).toFixed(1)}/min)${b.failed ? `, ${b.failed} failed action${b.failed === 1 ? "" : "s"}` : ""}`}</title>
                <rect
                  x={x}
                  y={0}
                  width={BAR + GAP}
                  height={HEIGHT}
                  className="fill-transparent group-hover:fill-slate-900/[0.04] dark:group-hover:fill-white/[0.06]"
                />
                <rect
                  x={x}
                  y={HEIGHT - h(b.transitions)}
                  width={BAR}
                  height={h(b.transitions)}
                  rx={0.5}
                  className="fill-indigo-500/80 group-hover:fill-indigo-600 dark:fill-indigo-400/80 dark:group-hover:fill-indigo-300"
                />
                {b.failed > 0 && (
                  <rect
                    x={x}
                    y={HEIGHT - h(b.failed)}
                    width={BAR}
                    height={h(b.failed)}
                    rx={0.5}
                    className="fill-red-500"
                  />
                )}
              </g>
            );
          })}
        </svg>
        {isEmpty && (
          <p className="absolute inset-0 flex items-center justify-center text-xs text-slate-500 dark:text-slate-400">
            No transitions in the last 24 hours
          </p>
        )}
      </div>
      <figcaption className="mt-1 flex justify-between text-[11px] text-slate-500 dark:text-slate-400">
        <span>24 h ago</span>
        {!isEmpty && (
          <span className="flex items-center gap-3">
            <span className="flex items-center gap-1">
              <span aria-hidden className="h-2 w-2 rounded-sm bg-indigo-500 dark:bg-indigo-400" />
              transitions
            </span>
            <span className="flex items-center gap-1">
              <span aria-hidden className="h-2 w-2 rounded-sm bg-red-500" />
              failed actions
            </span>
            <span className="tabular">peak {peakPerMinute.toFixed(1)}/min</span>
          </span>
        )}
        <span>now</span>
      </figcaption>
    </figure>
  );
}
