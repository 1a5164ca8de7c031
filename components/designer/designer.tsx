"use client";

import { ReactFlowProvider, useReactFlow, type Edge, type OnSelectionChangeParams } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { shortestPaths, validateDefinitionJson, type GraphProblem, type WorkflowDefinition } from "@/lib/engine";
import { diffDefinitions, summariseDiff, withMissingItems, type ChangeKind } from "@/lib/designer/definition-diff";
import { toFlow, type FlowEdge, type FlowNode, type StateNodeData } from "@/lib/designer/flow-mapper";
import { pathOnCanvas } from "@/lib/designer/path-on-canvas";
import { markedByProblems, problemTargets } from "@/lib/designer/problem-targets";
import type { ActionResult } from "@/lib/api/server-action";
import type { SaveDraftAction } from "./attempt-save";
import { DesignerBanners } from "./designer-banners";
import { DesignerMarksContext, type DesignerMarks } from "./designer-context";
import { DesignerFlow } from "./designer-flow";
import { DesignerSidebar, type SidebarTab } from "./designer-sidebar";
import { DesignerToolbar } from "./designer-toolbar";
import { PublishDialog } from "./publish-dialog";
import { useEdgeKeeper } from "./edge-keeper";
import { FIT_OPTIONS, OPENING_FIT } from "./flow-canvas";
import { createPathHighlightStore, PathHighlightContext } from "./path-highlight";
import { useAutosave } from "./use-autosave";
import { useDefinitionFiles, type DesignerNotice } from "./use-definition-files";
import { useDesignerGraph } from "./use-designer-graph";
import { useDesignerShortcuts } from "./use-designer-shortcuts";
import { useOpeningViewport } from "./use-opening-viewport";
import { useStateEdits } from "./use-state-edits";
import { useTransitionEdits } from "./use-transition-edits";
import { farZoomFor, useFarZoom } from "./zoom-detail";
import { MigrateWizardLoader } from "@/components/versions/migrate-wizard";

/**
 * The page's server actions, handed down once here (components never import from app/).
 * Both are admin-only on the server whatever the designer shows.
 */
export interface DesignerActions {
  saveDraft: SaveDraftAction;
  publish: (input: { key: string; expectedRevision: number }) => Promise<ActionResult<{ version: number }>>;
}

export interface DesignerProps {
  actions: DesignerActions;
  workflowKey: string;
  name: string;
  definition: WorkflowDefinition;
  /** Draft revision the editor starts from; null when there is no draft (latest is published). */
  revision: number | null;
  canEdit: boolean;
  versions: { version: number; status: "draft" | "published"; publishedAt: string | null }[];
  /** Set when a version is opened read-only, with the draft to compare it against. */
  viewing: {
    version: number;
    status: "draft" | "published";
    compareTo: WorkflowDefinition | null;
    compareLabel?: string;
  } | null;
  /**
   * Set when the stored definition does not pass the schema (written by an older DocState,
   * say): the canvas would be empty, and the first edit would overwrite the real draft, so
   * the designer stays read-only and says why.
   */
  unreadable?: { path: string; message: string }[] | null;
}

export function WorkflowDesigner(props: DesignerProps) {
  return (
    <ReactFlowProvider>
      <DesignerCanvas {...props} />
    </ReactFlowProvider>
  );
}

function DesignerCanvas({
  actions,
  workflowKey,
  name,
  definition: initial,
  revision,
  canEdit,
  versions,
  viewing,
  unreadable,
}: DesignerProps) {
  const router = useRouter();
  const flow = useReactFlow();
  const isReadOnly = !canEdit || viewing !== null || Boolean(unreadable);
  // Viewing a version: the diff reads "what the draft changes in this version". What the draft
  // added is drawn too, as faded ghosts (display only; a viewed version is read-only).
  const initialFlow = useMemo(
    () => toFlow(viewing?.compareTo ? withMissingItems(initial, viewing.compareTo) : initial),
    [initial, viewing],
  );
  const [selection, setSelection] = useState<{ nodes: string[]; edges: string[] }>({ nodes: [], edges: [] });
  const [tab, setTab] = useState<SidebarTab>("inspect");
  const [notice, setNotice] = useState<DesignerNotice | null>(null);
  const [hasDraft, setHasDraft] = useState(revision !== null);
  const [isPublishing, setIsPublishing] = useState(false);
  /** The saved draft revision the Publish dialog shows (replay) and publishes; null when closed. */
  const [publishRevision, setPublishRevision] = useState<number | null>(null);
  /** After "Publish and migrate…": the version whose documents the Migrate wizard moves. */
  const [migrateFrom, setMigrateFrom] = useState<number | null>(null);
  const [pathStore] = useState(createPathHighlightStore);
  const save = useAutosave(actions.saveDraft, workflowKey, revision, !isReadOnly);
  const { ref: canvasRef, viewport: openingViewport } = useOpeningViewport(initialFlow.nodes, OPENING_FIT);
  // Before the canvas is measured nothing is mounted; "far" then keeps the edges in the keeper.
  const isFar = useFarZoom(openingViewport ? openingViewport.zoom < farZoomFor(initialFlow.nodes.length) : true);
  const keeper = useEdgeKeeper(initialFlow.edges as Edge[], isFar);

  const onCommit = useCallback(
    (next: WorkflowDefinition) => {
      save.schedule(next);
      if (!isReadOnly) setHasDraft(true);
    },
    [isReadOnly, save],
  );
  const graph = useDesignerGraph({ initial, initialFlow, keeper, onCommit });
  const { snapshot, undo, redo, commitFromStore } = graph;
  // The commit reads React Flow's store a tick later; until then the save shows as pending.
  const { markPending } = save;
  const commitFromCanvas = useCallback(() => {
    markPending();
    commitFromStore();
  }, [commitFromStore, markPending]);
  const showInspector = useCallback(() => setTab("inspect"), []);
  const states = useStateEdits({ graph, keeper, isReadOnly, onEdited: showInspector });
  const transitions = useTransitionEdits({ graph, keeper, isReadOnly, onEdited: showInspector });
  const files = useDefinitionFiles({ graph, workflowKey, notify: setNotice });

  useDesignerShortcuts({
    isReadOnly,
    selectAll: states.selectAll,
    undo,
    redo,
    copy: states.copy,
    paste: states.paste,
    duplicate: states.duplicate,
    addState: () => states.addState(),
    commit: commitFromCanvas,
  });

  const onSelectionChange = useCallback(
    ({ nodes, edges: flowEdges }: OnSelectionChangeParams) => {
      // While the keeper holds the edges React Flow reports none selected; the held ones still are.
      const edges = keeper.isHolding() ? keeper.held().filter((e) => e.selected) : flowEdges;
      if (nodes.length || edges.length) setTab("inspect");
      setSelection((s) => {
        const n = nodes.map((x) => x.id);
        const e = edges.map((x) => x.id);
        return s.nodes.join() === n.join() && s.edges.join() === e.join() ? s : { nodes: n, edges: e };
      });
    },
    [keeper],
  );

  // Live validation and paths from lib/engine, recomputed on commit only (never during a drag).
  const validation = useMemo(() => validateDefinitionJson(graph.graph), [graph.graph]);
  const problems = validation.problems;
  const errorCount = problems.filter((p) => p.severity === "error").length;
  const paths = useMemo(() => (validation.definition ? shortestPaths(validation.definition) : new Map()), [validation]);
  const diff = useMemo(
    () => (viewing?.compareTo ? diffDefinitions(initial, viewing.compareTo) : null),
    [viewing, initial],
  );

  // Keyed by content, so a commit that leaves the problems as they were (a drag) re-renders no node.
  const problemMarks = useMemo(
    () => markedByProblems(problems, snapshot.nodes as FlowNode[], snapshot.edges as FlowEdge[]),
    [problems, snapshot],
  );
  const problemStateList = problemMarks.stateKeys.join("\n");
  const problemEdgeList = problemMarks.edgeIds.join("\n");
  const marks = useMemo<DesignerMarks>(() => {
    const byKey = (m: Map<string, ChangeKind> | undefined) =>
      m ? new Map([...m].map(([id, kind]) => [id.split("→")[0] ?? id, kind] as const)) : null;
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

  const reveal = useCallback(
    (p: GraphProblem) => {
      const nodes = flow.getNodes();
      const edges = keeper.get();
      const targets = problemTargets(p, nodes as FlowNode[], edges as FlowEdge[]);
      const nodeSet = new Set(targets.nodeIds);
      const edgeSet = new Set(targets.edgeIds);
      flow.setNodes(
        nodes.map((n) => (Boolean(n.selected) === nodeSet.has(n.id) ? n : { ...n, selected: nodeSet.has(n.id) })),
      );
      keeper.set(
        edges.map((e) => (Boolean(e.selected) === edgeSet.has(e.id) ? e : { ...e, selected: edgeSet.has(e.id) })),
      );
      const focus =
        nodeSet.size > 0
          ? [...nodeSet]
          : [...new Set(edges.filter((e) => edgeSet.has(e.id)).flatMap((e) => [e.source, e.target]))];
      if (focus.length)
        void flow.fitView({ nodes: focus.map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.6 });
      else
        setNotice({
          tone: "error",
          text: "This problem is about a transition that is not on the canvas: it names a state that does not exist.",
        });
      setTab("inspect");
    },
    [flow, keeper],
  );

  // Publishing is two steps: save what is on the canvas, then the Publish dialog shows the
  // replay of that saved revision over recent history before the admin confirms.
  const openPublish = useCallback(async () => {
    setIsPublishing(true);
    setNotice(null);
    try {
      if (!(await save.flush())) {
        setNotice({
          tone: "error",
          text: "The latest changes could not be saved, so nothing was published. Fix what the save status says and try again.",
        });
        return;
      }
      setPublishRevision(save.revision.current);
    } finally {
      setIsPublishing(false);
    }
  }, [save]);

  const publish = useCallback(
    async (thenMigrate: boolean) => {
      if (publishRevision === null) return;
      setIsPublishing(true);
      try {
        const result = await actions.publish({ key: workflowKey, expectedRevision: publishRevision });
        if (result.ok) {
          save.forgetRevision();
          setHasDraft(false);
          setNotice({
            tone: "success",
            text: `Published version ${result.data.version}. New edits start a new draft.`,
          });
          router.refresh();
          if (thenMigrate) {
            // The version that was active until now: its documents are the ones to move.
            const previous = versions.find((v) => v.status === "published");
            if (previous) setMigrateFrom(previous.version);
          }
        } else {
          setNotice({ tone: "error", text: result.message });
        }
      } finally {
        setIsPublishing(false);
        setPublishRevision(null);
      }
    },
    [actions, publishRevision, router, save, versions, workflowKey],
  );

  const onInit = useCallback(() => {
    void flow.fitView(FIT_OPTIONS).then(() => {
      requestAnimationFrame(() => performance.mark("designer-fit"));
    });
  }, [flow]);

  const { addState } = states;
  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      if (event.detail === 2 && !isReadOnly)
        addState(flow.screenToFlowPosition({ x: event.clientX - 90, y: event.clientY - 30 }));
    },
    [addState, flow, isReadOnly],
  );

  const diffSummary = diff ? summariseDiff(diff) : null;

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-50 dark:bg-slate-950">
      <DesignerToolbar
        workflowKey={workflowKey}
        name={name}
        isReadOnly={isReadOnly}
        canEdit={canEdit}
        viewing={viewing}
        saveStatus={save.status}
        saveFailure={save.failure}
        saveRetryWait={save.retryWait}
        onRetrySave={save.retryNow}
        errorCount={errorCount}
        hasDraft={hasDraft}
        isPublishing={isPublishing}
        canUndo={graph.canUndo}
        canRedo={graph.canRedo}
        onUndo={undo}
        onRedo={redo}
        onAddState={() => addState()}
        onAutoLayout={() => void states.autoLayout()}
        onFit={() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 })}
        onImport={(f) => void files.importFile(f)}
        onExport={(f) => void files.exportAs(f)}
        onPublish={() => void openPublish()}
      />
      <PublishDialog
        open={publishRevision !== null}
        workflowKey={workflowKey}
        revision={publishRevision ?? 0}
        draftVersion={
          versions.find((v) => v.status === "draft")?.version ?? Math.max(0, ...versions.map((v) => v.version)) + 1
        }
        isPublishing={isPublishing}
        onPublish={(thenMigrate) => void publish(thenMigrate)}
        onCancel={() => setPublishRevision(null)}
      />
      <DesignerBanners
        isConflict={save.status === "conflict"}
        saveFailure={save.failure}
        unreadable={unreadable ?? null}
        viewing={viewing}
        diffSummary={diffSummary}
        workflowKey={workflowKey}
      />
      <div className="flex min-h-0 flex-1">
        <div ref={canvasRef} className="relative min-w-0 flex-1" data-testid="designer-canvas">
          {openingViewport && (
            <PathHighlightContext.Provider value={pathStore}>
              <DesignerMarksContext.Provider value={marks}>
                <DesignerFlow
                  opening={openingViewport}
                  isFar={isFar}
                  initialNodes={initialFlow.nodes}
                  keeper={keeper}
                  isReadOnly={isReadOnly}
                  onInit={onInit}
                  onConnect={transitions.onConnect}
                  onReconnect={transitions.onReconnect}
                  onCommit={commitFromCanvas}
                  onSelectionChange={onSelectionChange}
                  onPaneClick={onPaneClick}
                />
              </DesignerMarksContext.Provider>
            </PathHighlightContext.Provider>
          )}
          {snapshot.nodes.length === 0 && (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
              <p className="rounded-lg bg-white/80 px-4 py-3 text-sm text-slate-500 shadow-sm dark:bg-slate-900/80">
                Double-click the canvas or press <kbd>N</kbd> to add a state.
              </p>
            </div>
          )}
        </div>
        <DesignerSidebar
          tab={tab}
          onTab={setTab}
          problems={problems}
          onReveal={reveal}
          offCanvas={graph.offCanvas}
          onRemoveOffCanvas={graph.removeOffCanvas}
          notice={notice}
          onDismissNotice={() => setNotice(null)}
          snapshot={snapshot}
          selection={selection}
          paths={paths}
          isReadOnly={isReadOnly}
          restoreEpoch={graph.restoreEpoch}
          stateEdits={states}
          transitionEdits={transitions}
          workflowKey={workflowKey}
          versions={versions}
          viewing={viewing}
          canMigrate={canEdit}
        />
      </div>
      {migrateFrom !== null && (
        <MigrateWizardLoader workflowKey={workflowKey} fromVersion={migrateFrom} onClose={() => setMigrateFrom(null)} />
      )}
    </div>
  );
}
