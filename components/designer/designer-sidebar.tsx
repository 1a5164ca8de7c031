"use client";

import type { Edge, Node } from "@xyflow/react";
import type { GraphProblem, ShortestPath } from "@/lib/engine";
import { ANY_NODE_ID, type StateNodeData, type TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { buttonClass } from "@/components/ui/styles";
import { VersionsPanel } from "@/components/versions/versions-panel";
import { ProblemsList } from "./problems-list";
import { StateInspector } from "./state-inspector";
import { TransitionInspector } from "./transition-inspector";
import type { useStateEdits } from "./use-state-edits";
import type { useTransitionEdits } from "./use-transition-edits";

type StateEdits = ReturnType<typeof useStateEdits>;
type TransitionEdits = ReturnType<typeof useTransitionEdits>;

export type SidebarTab = "inspect" | "problems" | "versions";

export function DesignerSidebar(props: {
  tab: SidebarTab;
  onTab: (tab: SidebarTab) => void;
  problems: readonly GraphProblem[];
  onReveal: (p: GraphProblem) => void;
  offCanvas: readonly string[];
  onRemoveOffCanvas: () => void;
  notice: { tone: "error" | "success"; text: string; issues?: { path: string; message: string }[] } | null;
  onDismissNotice: () => void;
  snapshot: { nodes: Node[]; edges: Edge[] };
  selection: { nodes: string[]; edges: string[] };
  paths: Map<string, ShortestPath>;
  isReadOnly: boolean;
  /** Changes when undo/redo restored the graph: inspectors re-mount and show the restored values. */
  restoreEpoch: number;
  stateEdits: Pick<StateEdits, "updateState" | "duplicate" | "deleteStates">;
  transitionEdits: Pick<TransitionEdits, "updateTransition" | "setSources" | "deleteTransition">;
  workflowKey: string;
  versions: { version: number; status: "draft" | "published"; publishedAt: string | null }[];
  viewing: { version: number } | null;
  /** Admins: "Migrate…" on versions that still hold documents. */
  canMigrate: boolean;
}) {
  const errors = props.problems.filter((p) => p.severity === "error").length;
  const tabs: { id: SidebarTab; label: string; badge?: number }[] = [
    { id: "inspect", label: "Inspect" },
    { id: "problems", label: "Problems", badge: props.problems.length },
    { id: "versions", label: "Versions" },
  ];
  return (
    <aside className="flex w-[340px] shrink-0 flex-col border-l border-slate-200 bg-white max-xl:w-[300px] dark:border-slate-800 dark:bg-slate-900">
      <div
        role="tablist"
        aria-label="Designer panels"
        className="flex border-b border-slate-200 px-2 dark:border-slate-800"
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={props.tab === t.id}
            onClick={() => props.onTab(t.id)}
            className={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-sm font-medium ${
              props.tab === t.id
                ? "border-indigo-500 text-indigo-600 dark:text-indigo-300"
                : "border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
            }`}
          >
            {t.label}
            {t.badge ? (
              <span
                data-testid={`${t.id}-count`}
                className={`rounded-full px-1.5 text-[11px] ${errors ? "bg-red-100 text-red-700 dark:bg-red-500/20 dark:text-red-300" : "bg-amber-100 text-amber-800 dark:bg-amber-500/20 dark:text-amber-200"}`}
              >
                {t.badge}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      {props.notice && (
        <div
          role={props.notice.tone === "error" ? "alert" : "status"}
          data-testid="designer-notice"
          className={`m-3 rounded-lg border p-3 text-sm ${props.notice.tone === "error" ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200" : "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"}`}
        >
          <div className="flex gap-2">
            <p className="flex-1">{props.notice.text}</p>
            <button
              type="button"
              aria-label="Dismiss"
              onClick={props.onDismissNotice}
              className="text-xs opacity-60 hover:opacity-100"
            >
              ✕
            </button>
          </div>
          {props.notice.issues && (
            <ul className="mt-2 max-h-48 space-y-1 overflow-auto text-xs">
              {props.notice.issues.map((i, n) => (
                <li key={n}>
                  <code className="rounded bg-white/70 px-1 font-mono dark:bg-black/30">{i.path || "(file)"}</code>{" "}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {props.tab === "inspect" && <Inspect {...props} />}
        {props.tab === "problems" && (
          <ProblemsList
            problems={props.problems}
            onReveal={props.onReveal}
            offCanvas={props.offCanvas}
            onRemoveOffCanvas={props.onRemoveOffCanvas}
            isReadOnly={props.isReadOnly}
          />
        )}
        {props.tab === "versions" && (
          <VersionsPanel
            workflowKey={props.workflowKey}
            draft={props.versions.find((v) => v.status === "draft") ?? null}
            viewing={props.viewing}
            canMigrate={props.canMigrate}
          />
        )}
      </div>
      <p className="border-t border-slate-200 px-4 py-2 text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
        Drag from a state&apos;s right handle to another state to connect · Double-click to add · Del deletes · ⌘/Ctrl
        Z, ⇧⌘Z, A, C, V, D
      </p>
    </aside>
  );
}

function Inspect(props: Parameters<typeof DesignerSidebar>[0]) {
  const { snapshot, selection, isReadOnly, stateEdits, transitionEdits } = props;
  const nodeId = selection.nodes.length === 1 ? selection.nodes[0] : null;
  const node = nodeId ? snapshot.nodes.find((n) => n.id === nodeId && n.type === "state") : undefined;
  const edgeIdValue = !node && selection.edges.length >= 1 && selection.nodes.length === 0 ? selection.edges[0] : null;
  const edge = edgeIdValue ? snapshot.edges.find((e) => e.id === edgeIdValue) : undefined;
  const keyOf = (id: string) =>
    id === ANY_NODE_ID
      ? "*"
      : ((snapshot.nodes.find((n) => n.id === id)?.data as StateNodeData | undefined)?.state.key ?? "?");
  if (node) {
    const state = (node.data as StateNodeData).state;
    const otherKeys = new Set(
      snapshot.nodes
        .filter((n) => n.type === "state" && n.id !== node.id)
        .map((n) => (n.data as StateNodeData).state.key),
    );
    const outgoing = [
      ...new Set(
        snapshot.edges.filter((e) => e.source === node.id).map((e) => String((e.data as TransitionEdgeData).key)),
      ),
    ];
    return (
      <>
        {!isReadOnly && (
          <InspectorActions
            what="state"
            onDuplicate={stateEdits.duplicate}
            onDelete={() => stateEdits.deleteStates([node.id])}
          />
        )}
        <StateInspector
          key={`${node.id}:${props.restoreEpoch}`}
          state={state}
          otherKeys={otherKeys}
          outgoing={outgoing}
          path={props.paths.get(state.key) ?? null}
          isReadOnly={isReadOnly}
          onChange={(s) => stateEdits.updateState(node.id, s)}
        />
      </>
    );
  }
  if (edge) {
    const data = edge.data as TransitionEdgeData;
    const group = snapshot.edges.filter(
      (e) => (e.data as TransitionEdgeData).key === data.key && e.target === edge.target,
    );
    const sources = group.map((e) => e.source);
    const taken = new Set(
      snapshot.edges
        .filter((e) => sources.includes(e.source) && !group.includes(e))
        .map((e) => String((e.data as TransitionEdgeData).key)),
    );
    const states = snapshot.nodes
      .filter((n) => n.type === "state")
      .map((n) => ({ id: n.id, ...(n.data as StateNodeData).state }));
    return (
      <>
        {!isReadOnly && (
          <InspectorActions what="transition" onDelete={() => transitionEdits.deleteTransition(edge.id)} />
        )}
        <TransitionInspector
          key={`${edge.id}:${props.restoreEpoch}`}
          data={data}
          sourceIds={sources}
          target={keyOf(edge.target)}
          states={states}
          takenKeys={taken}
          isReadOnly={isReadOnly}
          onChange={(patch, to) => transitionEdits.updateTransition(edge.id, patch, to)}
          onSetSources={(ids) => transitionEdits.setSources(edge.id, ids)}
        />
      </>
    );
  }
  const stateIds = selection.nodes.filter((id) => snapshot.nodes.some((n) => n.id === id && n.type === "state"));
  const count = selection.nodes.length + selection.edges.length;
  return (
    <div className="px-6 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
      {count > 1 ? (
        <>
          <p>
            {stateIds.length} state{stateIds.length === 1 ? "" : "s"} and {selection.edges.length} transition
            {selection.edges.length === 1 ? "" : "s"} selected.
          </p>
          {!isReadOnly && stateIds.length > 0 && (
            <div className="mt-4 flex justify-center gap-2">
              <button type="button" className={buttonClass.small} onClick={stateEdits.duplicate} title="Ctrl/Cmd+D">
                Duplicate states
              </button>
              <button
                type="button"
                className={buttonClass.smallDanger}
                onClick={() => stateEdits.deleteStates(stateIds)}
                title="Delete"
              >
                Delete states
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="font-medium text-slate-700 dark:text-slate-200">Nothing selected</p>
          <p className="mt-1">Click a state or a transition label to inspect it{isReadOnly ? "" : " and edit it"}.</p>
          {!isReadOnly && snapshot.nodes.length > 0 && (
            <p className="mt-4 text-xs">Shift-drag on the canvas or Shift-click cards to select several.</p>
          )}
        </>
      )}
    </div>
  );
}

/** Duplicate/Delete at the top of an inspector: what the keyboard does, where a mouse user looks. */
function InspectorActions({
  what,
  onDuplicate,
  onDelete,
}: {
  what: "state" | "transition";
  onDuplicate?: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="flex justify-end gap-2 px-4 pt-3">
      {onDuplicate && (
        <button type="button" className={buttonClass.small} onClick={onDuplicate} title="Ctrl/Cmd+D">
          Duplicate
        </button>
      )}
      <button
        type="button"
        className={buttonClass.smallDanger}
        onClick={onDelete}
        title="Delete"
        aria-label={`Delete ${what}`}
      >
        Delete
      </button>
    </div>
  );
}
