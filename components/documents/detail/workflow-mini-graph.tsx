import type { WorkflowDefinition } from "@/lib/engine";

const W = 150;
const H = 40;

const KIND_FILL: Record<string, string> = {
  initial: "fill-sky-50 stroke-sky-400 dark:fill-sky-500/10 dark:stroke-sky-500",
  normal: "fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600",
  error: "fill-red-50 stroke-red-300 dark:fill-red-500/10 dark:stroke-red-500/60",
  terminal: "fill-slate-100 stroke-slate-300 dark:fill-slate-800 dark:stroke-slate-600",
};

/** Positions from the definition's layout, else a simple left-to-right grid in state order. */
function positions(def: WorkflowDefinition): Map<string, { x: number; y: number }> {
  const layout = (def.layout ?? {}) as Record<string, { x: number; y: number } | undefined>;
  return new Map(def.states.map((s, i) => [s.key, layout[s.key] ?? { x: (i % 5) * 220, y: Math.floor(i / 5) * 120 }]));
}

/**
 * The document's workflow version in small: every state and transition, the states and
 * edges this document went through highlighted, the current state filled. Server-rendered
 * SVG; global ("*") transitions are left out to keep it readable.
 */
export function WorkflowMiniGraph({
  definition,
  current,
  path,
}: {
  definition: WorkflowDefinition;
  current: string;
  path: { states: string[]; edges: Array<[string, string]> };
}) {
  const pos = positions(definition);
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const minX = Math.min(...xs) - 20;
  const minY = Math.min(...ys) - 20;
  const width = Math.max(...xs) - minX + W + 20;
  const height = Math.max(...ys) - minY + H + 20;
  const visited = new Set(path.states);
  const taken = new Set(path.edges.map(([a, b]) => `${a}->${b}`));
  const edges = definition.transitions.flatMap((t) =>
    t.from.filter((f) => f !== "*").map((from) => ({ key: `${t.key}:${from}`, from, to: t.to })),
  );

  return (
    <svg
      viewBox={`${minX} ${minY} ${width} ${height}`}
      role="img"
      aria-label={`Workflow graph, current state ${current}`}
      className="h-auto w-full"
    >
      <defs>
        <marker
          id="mini-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0 0L10 5L0 10z" className="fill-slate-300 dark:fill-slate-600" />
        </marker>
        <marker
          id="mini-arrow-on"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0 0L10 5L0 10z" className="fill-indigo-500" />
        </marker>
      </defs>
      {edges.map((e) => {
        const a = pos.get(e.from);
        const b = pos.get(e.to);
        if (!a || !b || e.from === e.to) return null;
        const isTaken = taken.has(`${e.from}->${e.to}`);
        const [x1, y1, x2, y2] = anchor(a, b);
        return (
          <line
            key={e.key}
            x1={x1}
            y1={y1}
            x2={x2}
            y2={y2}
            strokeWidth={isTaken ? 3 : 1.5}
            className={isTaken ? "stroke-indigo-500" : "stroke-slate-300 dark:stroke-slate-700"}
            markerEnd={`url(#${isTaken ? "mini-arrow-on" : "mini-arrow"})`}
          />
        );
      })}
      {definition.states.map((s) => {
        const p = pos.get(s.key)!;
        const isCurrent = s.key === current;
        const isVisited = visited.has(s.key);
        const cls = isCurrent
          ? "fill-indigo-600 stroke-indigo-600"
          : `${KIND_FILL[s.kind] ?? KIND_FILL.normal} ${isVisited ? "!stroke-indigo-500" : ""}`;
        return (
          <g key={s.key} data-state={s.key} data-current={isCurrent || undefined}>
            <rect
              x={p.x}
              y={p.y}
              width={W}
              height={H}
              rx={8}
              strokeWidth={isCurrent || isVisited ? 2.5 : 1.5}
              className={cls}
            />
            <text
              x={p.x + W / 2}
              y={p.y + H / 2}
              dominantBaseline="central"
              textAnchor="middle"
              fontSize={15}
              className={isCurrent ? "fill-white font-semibold" : "fill-slate-700 dark:fill-slate-200"}
            >
              {(s.label ?? s.key).length > 18 ? `${(s.label ?? s.key).slice(0, 17)}…` : (s.label ?? s.key)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Line endpoints on the borders of two node boxes (centre to centre, clipped). Pure. */
function anchor(a: { x: number; y: number }, b: { x: number; y: number }): [number, number, number, number] {
  const ac = { x: a.x + W / 2, y: a.y + H / 2 };
  const bc = { x: b.x + W / 2, y: b.y + H / 2 };
  const dx = bc.x - ac.x;
  const dy = bc.y - ac.y;
  const clip = (d: { x: number; y: number }) => {
    const sx = d.x === 0 ? Infinity : W / 2 / Math.abs(d.x);
    const sy = d.y === 0 ? Infinity : H / 2 / Math.abs(d.y);
    return Math.min(sx, sy);
  };
  const t = clip({ x: dx, y: dy });
  return [ac.x + dx * t, ac.y + dy * t, bc.x - dx * t, bc.y - dy * t];
}
