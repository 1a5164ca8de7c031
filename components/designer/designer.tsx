"use client";

import "@xyflow/react/dist/style.css";
import "./designer.css";
import { ReactFlowProvider, useReactFlow, type Connection, type Edge, type Node, type OnSelectionChangeParams } from "@xyflow/react";
import { clearOutcomeReferences, renameOutcomeReferences } from "@/lib/designer/rename-outcome-references";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { shortestPaths, validateDefinitionJson, type GraphProblem, type StateDef, type WorkflowDefinition } from "@/lib/engine";
import { layeredLayout } from "@/lib/designer/auto-layout";
import { diffDefinitions, summariseDiff, withMissingItems, type ChangeKind } from "@/lib/designer/definition-diff";
import { ANY_NODE_ID, nextLane, toDefinition, toFlow, uniqueKey, type FlowEdge, type FlowNode, type StateNodeData, type TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { publishWorkflowAction } from "@/app/(designer)/workflows/[key]/actions";
import { pathOnCanvas } from "@/lib/designer/path-on-canvas";
import { freeSpotNear, pasteOffset } from "@/lib/designer/placement";
import { markedByProblems, problemTargets } from "@/lib/designer/problem-targets";
import { DesignerMarksContext, type DesignerMarks } from "./designer-context";
import { createPathHighlightStore, PathHighlightContext } from "./path-highlight";
import { DesignerToolbar } from "./designer-toolbar";
import { DesignerSidebar, type SidebarTab } from "./designer-sidebar";
import { download, graphImage, mermaidExport, readDefinitionFile } from "./import-export";
import { DesignerBanners } from "./designer-banners";
import { DesignerFlow, FIT_OPTIONS, MIN_ZOOM } from "./designer-flow";
import { useEdgeKeeper } from "./edge-keeper";
import { FAR_ZOOM, useFarZoom } from "./zoom-detail";
import { useAutosave } from "./use-autosave";
import { useDesignerShortcuts } from "./use-designer-shortcuts";
import { useOpeningViewport } from "./use-opening-viewport";

const OPENING_FIT = { ...FIT_OPTIONS, minZoom: MIN_ZOOM };

export interface DesignerProps {
  workflowKey: string;
  name: string;
  definition: WorkflowDefinition;
  /** Draft revision the editor starts from; null when there is no draft (latest is published). */
  revision: number | null;
  canEdit: boolean;
  versions: { version: number; status: "draft" | "published"; publishedAt: string | null }[];
  /** Set when a version is opened read-only, with the draft to compare it against. */
  viewing: { version: number; status: "draft" | "published"; compareTo: WorkflowDefinition | null; compareLabel?: string } | null;
  /**
   * Set when the stored definition does not pass the schema (written by an older DocState,
   * say): the canvas would be empty, and the first edit would overwrite the real draft, so
   * the designer stays read-only and says why.
   */
  unreadable?: { path: string; message: string }[] | null;
}

interface Snapshot { nodes: Node[]; edges: Edge[] }

function viewportCenter(flow: { screenToFlowPosition: (p: { x: number; y: number }) => { x: number; y: number } }) {
  const box = document.querySelector(".react-flow")?.getBoundingClientRect();
  return box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
}

/**
 * Undo/redo restore the graph, not the selection: what is selected now stays selected (when
 * it still exists), so the inspector keeps showing the element whose values went back.
 */
function keepSelection(snapshot: Snapshot, nodesNow: Node[], edgesNow: Edge[]): Snapshot {
  const nodeIds = new Set(nodesNow.filter((n) => n.selected).map((n) => n.id));
  const edgeIds = new Set(edgesNow.filter((e) => e.selected).map((e) => e.id));
  return {
    nodes: snapshot.nodes.map((n) => (Boolean(n.selected) === nodeIds.has(n.id) ? n : { ...n, selected: nodeIds.has(n.id) })),
    edges: snapshot.edges.map((e) => (Boolean(e.selected) === edgeIds.has(e.id) ? e : { ...e, selected: edgeIds.has(e.id) })),
  };
}

function withoutLayout(definition: WorkflowDefinition): WorkflowDefinition {
  return { states: definition.states, transitions: definition.transitions };
}

/** Same states and transitions (layout aside); a string compare costs ~1 ms at 500 states. */
function hasSameGraph(a: WorkflowDefinition, b: WorkflowDefinition): boolean {
  return JSON.stringify([a.states, a.transitions]) === JSON.stringify([b.states, b.transitions]);
}

export function WorkflowDesigner(props: DesignerProps) {
  return (
    <ReactFlowProvider>
      <DesignerCanvas {...props} />
    </ReactFlowProvider>
  );
}

function DesignerCanvas({ workflowKey, name, definition: initial, revision, canEdit, versions, viewing, unreadable }: DesignerProps) {
  const router = useRouter();
  const flow = useReactFlow();
  const isReadOnly = !canEdit || viewing !== null || Boolean(unreadable);
  // Viewing a version: the diff reads "what the draft changes in this version". What the draft
  // added is drawn too, as faded ghosts (display only; a viewed version is read-only).
  const initialFlow = useMemo(() => toFlow(viewing?.compareTo ? withMissingItems(initial, viewing.compareTo) : initial), [initial, viewing]);
  const unplaced = useRef(initialFlow.unplaced);
  // Keys of the transitions kept off the canvas (they name states that do not exist).
  const [offCanvas, setOffCanvas] = useState(() => initialFlow.unplaced.map((t) => t.key));
  const [snapshot, setSnapshot] = useState<Snapshot>(() => ({ nodes: initialFlow.nodes as Node[], edges: initialFlow.edges as Edge[] }));
  // States and transitions only: moving cards changes the layout, which validation and the
  // shortest paths never look at, so a drop does not re-check a 500-state graph.
  const [graph, setGraph] = useState<WorkflowDefinition>(() => withoutLayout(initial));
  const [selection, setSelection] = useState<{ nodes: string[]; edges: string[] }>({ nodes: [], edges: [] });
  const [tab, setTab] = useState<SidebarTab>("inspect");
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string; issues?: { path: string; message: string }[] } | null>(null);
  const [hasDraft, setHasDraft] = useState(revision !== null);
  const [isPublishing, setIsPublishing] = useState(false);
  const history = useRef<{ past: Snapshot[]; future: Snapshot[] }>({ past: [], future: [] });
  const [historySize, setHistorySize] = useState({ past: 0, future: 0 });
  // Bumped by undo/redo so the inspector re-reads the restored state instead of keeping its fields.
  const [restoreEpoch, setRestoreEpoch] = useState(0);
  const [pathStore] = useState(createPathHighlightStore);
  const clipboard = useRef<Snapshot | null>(null);
  const idCounter = useRef(0);
  const save = useAutosave(workflowKey, revision, !isReadOnly);
  const { ref: canvasRef, viewport: openingViewport } = useOpeningViewport(initialFlow.nodes, OPENING_FIT);
  // Before the canvas is measured nothing is mounted; "far" then keeps the edges in the keeper.
  const isFar = useFarZoom(openingViewport ? openingViewport.zoom < FAR_ZOOM : true);
  const keeper = useEdgeKeeper(initialFlow.edges as Edge[], isFar);

  const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(idCounter.current += 1)}`;

  /** Every committed change goes through here: canvas, definition, undo history and autosave. */
  const apply = useCallback((nodes: Node[], allEdges: Edge[], options: { isUndo?: boolean; push?: boolean } = {}) => {
    // Zoomed far out React Flow holds no edges, so deleting a state cannot drop its edges there: drop them here.
    const nodeIds = new Set(nodes.map((n) => n.id));
    const edges = allEdges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
    flow.setNodes(nodes);
    keeper.set(edges);
    setSnapshot((previous) => {
      if (options.push !== false && !options.isUndo) {
        history.current.past.push(previous);
        if (history.current.past.length > 100) history.current.past.shift();
        history.current.future = [];
      }
      setHistorySize({ past: history.current.past.length, future: history.current.future.length });
      return { nodes, edges };
    });
    const next = toDefinition(nodes as FlowNode[], edges as FlowEdge[], unplaced.current);
    setGraph((previous) => (hasSameGraph(previous, next) ? previous : withoutLayout(next)));
    save.schedule(next);
    if (!isReadOnly) setHasDraft(true);
  }, [flow, isReadOnly, keeper, save]);

  /** After React Flow changed its own store (drag end, keyboard delete), commit what it holds. */
  const commitFromStore = useCallback(() => {
    setTimeout(() => apply(flow.getNodes(), keeper.get()), 0);
  }, [apply, flow, keeper]);

  const undo = useCallback(() => {
    const previous = history.current.past.pop();
    if (!previous) return;
    history.current.future.push({ nodes: flow.getNodes(), edges: keeper.get() });
    const restored = keepSelection(previous, flow.getNodes(), keeper.get());
    apply(restored.nodes, restored.edges, { isUndo: true });
    setRestoreEpoch((n) => n + 1);
  }, [apply, flow, keeper]);

  const redo = useCallback(() => {
    const next = history.current.future.pop();
    if (!next) return;
    history.current.past.push({ nodes: flow.getNodes(), edges: keeper.get() });
    const restored = keepSelection(next, flow.getNodes(), keeper.get());
    apply(restored.nodes, restored.edges, { isUndo: true });
    setRestoreEpoch((n) => n + 1);
  }, [apply, flow, keeper]);

  const stateKeys = useCallback((nodes: Node[]) => new Set(nodes.filter((n) => n.type === "state").map((n) => (n.data as StateNodeData).state.key)), []);

  const addState = useCallback((position?: { x: number; y: number }) => {
    const nodes = flow.getNodes();
    const keys = stateKeys(nodes);
    const key = uniqueKey("state", keys);
    const hasInitial = nodes.some((n) => n.type === "state" && (n.data as StateNodeData).state.kind === "initial");
    const where = position ?? freeSpotNear(viewportCenter(flow), nodes);
    const state: StateDef = { key, label: hasInitial ? `State ${keys.size + 1}` : "Start", kind: hasInitial ? "normal" : "initial" };
    const node: Node = { id: newId("n"), type: "state", position: where, data: { state }, selected: true };
    apply([...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], keeper.get().map((e) => (e.selected ? { ...e, selected: false } : e)));
    setTab("inspect");
  }, [apply, flow, keeper, stateKeys]);

  const connectStates = useCallback((connection: Connection) => {
    if (!connection.source || !connection.target) return;
    const nodes = flow.getNodes();
    const edges = keeper.get().filter((e) => typeof (e.data as TransitionEdgeData | undefined)?.key === "string");
    const target = nodes.find((n) => n.id === connection.target);
    if (!target || target.type !== "state") return;
    const targetKey = (target.data as StateNodeData).state.key;
    // Unique among the source's transitions (the rule) and among those into the target too:
    // edges sharing key and target are one transition with several sources in the definition,
    // so a second connection drawn into the same state would otherwise merge with the first.
    const taken = new Set(edges.filter((e) => e.source === connection.source || e.target === connection.target).map((e) => String((e.data as TransitionEdgeData).key)));
    const key = uniqueKey(`to_${targetKey}`.slice(0, 60), taken);
    const lanes = new Map<string, number>();
    for (const e of edges) nextLane(lanes, e.source, e.target);
    const lane = nextLane(lanes, connection.source, connection.target);
    const edge: Edge = {
      id: `t:${key}:${connection.source}:${newId("e")}`, source: connection.source, target: connection.target, type: "transition",
      data: lane ? { key, lane } : { key }, selected: true,
    };
    apply(nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), edge]);
    setTab("inspect");
  }, [apply, flow, keeper]);

  const onConnect = useCallback((connection: Connection) => {
    if (isReadOnly || !connection.source || !connection.target) return;
    // An uncontrolled React Flow adds its own bare edge on connect; run after it and replace
    // any edge without a transition key with ours.
    setTimeout(() => connectStates(connection), 0);
  }, [connectStates, isReadOnly]);



  /**
   * Dragging an edge's end onto another state re-targets it; dragging its start onto another
   * state re-sources it (the key is made unique among the new source's transitions).
   */
  const onReconnect = useCallback((oldEdge: Edge, connection: Connection) => {
    if (isReadOnly || !connection.source || !connection.target) return;
    if (connection.source === oldEdge.source && connection.target === oldEdge.target) return;
    const nodes = flow.getNodes();
    const edges = keeper.get();
    const target = nodes.find((n) => n.id === connection.target);
    if (!target || target.type !== "state") return;
    const data = oldEdge.data as TransitionEdgeData;
    const others = edges.filter((e) => e.id !== oldEdge.id);
    const taken = new Set(others.filter((e) => e.source === connection.source).map((e) => String((e.data as TransitionEdgeData).key)));
    const key = connection.source === oldEdge.source ? data.key : uniqueKey(data.key, taken);
    const lanes = new Map<string, number>();
    for (const e of others) nextLane(lanes, e.source, e.target);
    const lane = nextLane(lanes, connection.source, connection.target);
    const nextData: TransitionEdgeData = { ...data, key };
    if (lane) nextData.lane = lane;
    else delete nextData.lane;
    const moved: Edge = { ...oldEdge, source: connection.source, target: connection.target, sourceHandle: null, targetHandle: null, data: nextData, selected: true };
    // A transition moved off its source no longer leaves it: that state's onSuccess/onFailure
    // must stop naming it (unless another edge of the key still leaves there).
    const isStillLeaving = others.some((e) => e.source === oldEdge.source && (e.data as TransitionEdgeData).key === data.key);
    const nextNodes = connection.source !== oldEdge.source && !isStillLeaving ? clearOutcomeReferences(nodes, oldEdge.source, data.key) : nodes;
    apply(
      nextNodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
      edges.map((e) => (e.id === oldEdge.id ? moved : e.selected ? { ...e, selected: false } : e)),
    );
    setTab("inspect");
  }, [apply, flow, isReadOnly, keeper]);

  const copy = useCallback(() => {
    const nodes = flow.getNodes().filter((n) => n.selected && n.type === "state");
    const ids = new Set(nodes.map((n) => n.id));
    clipboard.current = { nodes, edges: keeper.get().filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }, [flow, keeper]);

  const paste = useCallback(() => {
    const copied = clipboard.current;
    if (!copied || copied.nodes.length === 0 || isReadOnly) return;
    const nodes = flow.getNodes();
    const keys = stateKeys(nodes);
    const idMap = new Map<string, string>();
    const offset = pasteOffset(copied.nodes, nodes);
    const pasted = copied.nodes.map((n) => {
      const state = (n.data as StateNodeData).state;
      const key = uniqueKey(`${state.key}_copy`.slice(0, 60), keys);
      keys.add(key);
      const id = newId("n");
      idMap.set(n.id, id);
      // A copy is never a second initial state; it keeps an outcome only if that transition was copied with it.
      const copiedKeys = new Set(copied.edges.filter((e) => e.source === n.id).map((e) => String((e.data as TransitionEdgeData).key)));
      const keep = (outcome: string | undefined) => (outcome && copiedKeys.has(outcome) ? outcome : undefined);
      const copy: StateDef = { ...state, key, kind: state.kind === "initial" ? "normal" : state.kind, onSuccess: keep(state.onSuccess), onFailure: keep(state.onFailure) };
      return { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, selected: true, data: { state: JSON.parse(JSON.stringify(copy)) as StateDef } };
    });
    const pastedEdges = copied.edges.map((e) => ({ ...e, id: `t:${String((e.data as TransitionEdgeData).key)}:${idMap.get(e.source)}:${newId("e")}`, source: idMap.get(e.source)!, target: idMap.get(e.target)!, selected: false }));
    apply([...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted], [...keeper.get(), ...pastedEdges]);
  }, [apply, flow, isReadOnly, keeper, stateKeys]);

  const selectAll = useCallback(() => {
    flow.setNodes((nodes) => nodes.map((n) => ({ ...n, selected: true })));
    keeper.set(keeper.get().map((e) => ({ ...e, selected: true })));
  }, [flow, keeper]);

  const autoLayout = useCallback(async () => {
    const nodes = flow.getNodes();
    const edges = keeper.get();
    const positions = await layeredLayout(nodes.map((n) => n.id), edges);
    apply(nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })), edges);
    setTimeout(() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 }), 50);
  }, [apply, flow, keeper]);

  useDesignerShortcuts({ isReadOnly, selectAll, undo, redo, copy, paste, addState: () => addState(), commit: commitFromStore });

  const onSelectionChange = useCallback(({ nodes, edges: flowEdges }: OnSelectionChangeParams) => {
    // While the keeper holds the edges React Flow reports none selected; the held ones still are.
    const edges = keeper.isHolding() ? keeper.held().filter((e) => e.selected) : flowEdges;
    if (nodes.length || edges.length) setTab("inspect");
    setSelection((s) => {
      const n = nodes.map((x) => x.id);
      const e = edges.map((x) => x.id);
      return s.nodes.join() === n.join() && s.edges.join() === e.join() ? s : { nodes: n, edges: e };
    });
  }, [keeper]);

  // Live validation and paths from lib/engine, recomputed on commit only (never during a drag).
  const validation = useMemo(() => validateDefinitionJson(graph), [graph]);
  const problems = validation.problems;
  const errorCount = problems.filter((p) => p.severity === "error").length;
  const paths = useMemo(() => (validation.definition ? shortestPaths(validation.definition) : new Map()), [validation]);
  const diff = useMemo(() => (viewing?.compareTo ? diffDefinitions(initial, viewing.compareTo) : null), [viewing, initial]);

  // Keyed by content, so a commit that leaves the problems as they were (a drag) re-renders no node.
  const problemMarks = useMemo(() => markedByProblems(problems, snapshot.nodes as FlowNode[], snapshot.edges as FlowEdge[]), [problems, snapshot]);
  const problemStateList = problemMarks.stateKeys.join("\n");
  const problemEdgeList = problemMarks.edgeIds.join("\n");
  const marks = useMemo<DesignerMarks>(() => {
    const byKey = (m: Map<string, ChangeKind> | undefined) => (m ? new Map([...m].map(([id, kind]) => [id.split("→")[0] ?? id, kind] as const)) : null);
    return {
      problemStates: new Set(problemStateList.split("\n").filter(Boolean)),
      problemEdges: new Set(problemEdgeList.split("\n").filter(Boolean)),
      diffStates: diff?.states ?? null,
      diffTransitions: byKey(diff?.transitions),
      isReadOnly,
    };
  }, [problemStateList, problemEdgeList, diff, isReadOnly]);

  // The "paths" view: the shortest path to the one selected state, drawn on the canvas.
  useEffect(() => {
    const nodeId = selection.nodes.length === 1 ? selection.nodes[0] : undefined;
    const node = nodeId ? snapshot.nodes.find((n) => n.id === nodeId && n.type === "state") : undefined;
    const path = node ? paths.get((node.data as StateNodeData).state.key) : undefined;
    const marked = pathOnCanvas(path, snapshot.nodes as FlowNode[], snapshot.edges as FlowEdge[]);
    pathStore.set(marked.states, marked.edges);
  }, [selection, snapshot, paths, pathStore]);

  const reveal = useCallback((p: GraphProblem) => {
    const nodes = flow.getNodes();
    const edges = keeper.get();
    const targets = problemTargets(p, nodes as FlowNode[], edges as FlowEdge[]);
    const nodeSet = new Set(targets.nodeIds);
    const edgeSet = new Set(targets.edgeIds);
    flow.setNodes(nodes.map((n) => (Boolean(n.selected) === nodeSet.has(n.id) ? n : { ...n, selected: nodeSet.has(n.id) })));
    keeper.set(edges.map((e) => (Boolean(e.selected) === edgeSet.has(e.id) ? e : { ...e, selected: edgeSet.has(e.id) })));
    const focus = nodeSet.size > 0 ? [...nodeSet] : [...new Set(edges.filter((e) => edgeSet.has(e.id)).flatMap((e) => [e.source, e.target]))];
    if (focus.length) void flow.fitView({ nodes: focus.map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.6 });
    else setNotice({ tone: "error", text: "This problem is about a transition that is not on the canvas: it names a state that does not exist." });
    setTab("inspect");
  }, [flow, keeper]);

  const removeOffCanvas = useCallback(() => {
    unplaced.current = [];
    setOffCanvas([]);
    apply(flow.getNodes(), keeper.get());
  }, [apply, flow, keeper]);

  const updateState = useCallback((nodeId: string, state: StateDef) => {
    apply(flow.getNodes().map((n) => (n.id === nodeId ? { ...n, data: { state } } : n)), keeper.get());
  }, [apply, flow, keeper]);

  const updateTransition = useCallback((edgeIdValue: string, patch: Partial<TransitionEdgeData>, retargetKey?: string) => {
    const nodes = flow.getNodes();
    const edges = keeper.get();
    const selected = edges.find((e) => e.id === edgeIdValue);
    if (!selected) return;
    const key = (selected.data as TransitionEdgeData).key;
    const newTarget = retargetKey ? nodes.find((n) => n.type === "state" && (n.data as StateNodeData).state.key === retargetKey)?.id : undefined;
    const next = edges.map((e) => {
      if ((e.data as TransitionEdgeData).key !== key || e.target !== selected.target) return e;
      const data = { ...(e.data as TransitionEdgeData), ...patch };
      for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
      return { ...e, data, target: newTarget ?? e.target };
    });
    // A renamed key must keep the sources' onSuccess/onFailure pointing at it.
    const renamedTo = patch.key !== undefined && patch.key !== key ? patch.key : null;
    const sourceIds = new Set(edges.filter((e) => (e.data as TransitionEdgeData).key === key && e.target === selected.target).map((e) => e.source));
    const nextNodes = renamedTo ? renameOutcomeReferences(nodes, sourceIds, key, renamedTo) : nodes;
    apply(nextNodes, next);
  }, [apply, flow, keeper]);

  const importFile = useCallback(async (file: File) => {
    const result = await readDefinitionFile(file);
    if (!result.ok) {
      setNotice({ tone: "error", text: `Could not import ${file.name}: nothing was changed.`, issues: result.issues });
      return;
    }
    const imported = toFlow(result.definition);
    unplaced.current = imported.unplaced;
    setOffCanvas(imported.unplaced.map((t) => t.key));
    apply(imported.nodes as Node[], imported.edges as Edge[]);
    setNotice({ tone: "success", text: `Imported ${file.name}: ${result.definition.states.length} states, ${result.definition.transitions.length} transitions.` });
    setTimeout(() => void flow.fitView(FIT_OPTIONS), 50);
  }, [apply, flow]);

  const exportAs = useCallback(async (format: "json" | "mermaid" | "png" | "svg") => {
    try {
      const definition = toDefinition(flow.getNodes() as FlowNode[], keeper.get() as FlowEdge[], unplaced.current);
      if (format === "json") download(`${workflowKey}.json`, `${JSON.stringify(definition, null, 2)}\n`, "application/json");
      else if (format === "mermaid") download(`${workflowKey}.mmd`, await mermaidExport(definition), "text/plain");
      else {
        const url = await graphImage(flow.getNodes(), format, document.documentElement.classList.contains("dark"));
        const a = document.createElement("a");
        a.href = url;
        a.download = `${workflowKey}.${format}`;
        a.click();
      }
    } catch (e) {
      setNotice({ tone: "error", text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }, [flow, keeper, workflowKey]);

  const publish = useCallback(async () => {
    setIsPublishing(true);
    setNotice(null);
    try {
      if (!(await save.flush())) {
        setNotice({ tone: "error", text: "The latest changes could not be saved, so nothing was published. Fix what the save status says and try again." });
        return;
      }
      const result = await publishWorkflowAction({ key: workflowKey, expectedRevision: save.revision.current });
      if (result.ok) {
        save.forgetRevision();
        setHasDraft(false);
        setNotice({ tone: "success", text: `Published version ${result.data.version}. New edits start a new draft.` });
        router.refresh();
      } else {
        setNotice({ tone: "error", text: result.message });
      }
    } finally {
      setIsPublishing(false);
    }
  }, [router, save, workflowKey]);

  const onInit = useCallback(() => {
    void flow.fitView(FIT_OPTIONS).then(() => {
      requestAnimationFrame(() => performance.mark("designer-fit"));
    });
  }, [flow]);

  const onPaneClick = useCallback((event: React.MouseEvent) => {
    if (event.detail === 2 && !isReadOnly) addState(flow.screenToFlowPosition({ x: event.clientX - 90, y: event.clientY - 30 }));
  }, [addState, flow, isReadOnly]);

  const diffSummary = diff ? summariseDiff(diff) : null;

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-50 dark:bg-slate-950">
      <DesignerToolbar
        workflowKey={workflowKey} name={name} isReadOnly={isReadOnly} canEdit={canEdit} viewing={viewing}
        saveStatus={save.status} saveFailure={save.failure} saveRetryWait={save.retryWait} onRetrySave={save.retryNow} errorCount={errorCount} hasDraft={hasDraft} isPublishing={isPublishing}
        canUndo={historySize.past > 0} canRedo={historySize.future > 0}
        onUndo={undo} onRedo={redo} onAddState={() => addState()} onAutoLayout={() => void autoLayout()}
        onFit={() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 })} onImport={(f) => void importFile(f)}
        onExport={(f) => void exportAs(f)} onPublish={() => void publish()}
      />
      <DesignerBanners isConflict={save.status === "conflict"} saveFailure={save.failure} unreadable={unreadable ?? null} viewing={viewing} diffSummary={diffSummary} workflowKey={workflowKey} />
      <div className="flex min-h-0 flex-1">
        <div ref={canvasRef} className="relative min-w-0 flex-1" data-testid="designer-canvas">
          {openingViewport && (
          <PathHighlightContext.Provider value={pathStore}>
          <DesignerMarksContext.Provider value={marks}>
            <DesignerFlow
              opening={openingViewport} isFar={isFar} initialNodes={initialFlow.nodes} keeper={keeper} isReadOnly={isReadOnly}
              onInit={onInit} onConnect={onConnect} onReconnect={onReconnect} onCommit={commitFromStore}
              onSelectionChange={onSelectionChange} onPaneClick={onPaneClick}
            />
          </DesignerMarksContext.Provider>
          </PathHighlightContext.Provider>
          )}
          {snapshot.nodes.length === 0 && (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
              <p className="rounded-lg bg-white/80 px-4 py-3 text-sm text-slate-500 shadow-sm dark:bg-slate-900/80">Double-click the canvas or press <kbd>N</kbd> to add a state.</p>
            </div>
          )}
        </div>
        <DesignerSidebar
          tab={tab} onTab={setTab} problems={problems} onReveal={reveal} offCanvas={offCanvas} onRemoveOffCanvas={removeOffCanvas} notice={notice} onDismissNotice={() => setNotice(null)}
          snapshot={snapshot} selection={selection} paths={paths} isReadOnly={isReadOnly} restoreEpoch={restoreEpoch}
          onUpdateState={updateState} onUpdateTransition={updateTransition}
          workflowKey={workflowKey} versions={versions} viewing={viewing}
        />
      </div>
    </div>
  );
}

export { ANY_NODE_ID };
