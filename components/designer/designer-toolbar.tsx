"use client";

import Link from "next/link";
import { useRef } from "react";
import { ChevronLeftIcon, PlusIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { ModeTabs } from "./mode-tabs";
import type { SaveFailure } from "@/lib/designer/save-failure";
import { SaveIndicator } from "./save-indicator";
import type { SaveStatus } from "./use-autosave";
import type { RetryWait } from "./use-save-retry";

const tool =
  "inline-flex h-8 shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:pointer-events-none disabled:opacity-40 dark:text-slate-200 dark:hover:bg-slate-800";

export function DesignerToolbar(props: {
  workflowKey: string;
  name: string;
  isReadOnly: boolean;
  canEdit: boolean;
  viewing: { version: number } | null;
  saveStatus: SaveStatus;
  saveFailure: SaveFailure | null;
  saveRetryWait: RetryWait | null;
  onRetrySave: () => void;
  errorCount: number;
  hasDraft: boolean;
  isPublishing: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onAddState: () => void;
  onAutoLayout: () => void;
  onFit: () => void;
  onImport: (file: File) => void;
  onExport: (format: "json" | "mermaid" | "png" | "svg") => void;
  onPublish: () => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const exportMenu = useRef<HTMLDetailsElement>(null);
  const publishBlocker =
    props.errorCount > 0
      ? `Fix ${props.errorCount} problem${props.errorCount === 1 ? "" : "s"} to publish`
      : !props.hasDraft
        ? "No unpublished changes"
        : undefined;
  const exportItem = (format: "json" | "mermaid" | "png" | "svg", label: string) => (
    <button
      type="button"
      role="menuitem"
      className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      onClick={() => {
        exportMenu.current?.removeAttribute("open");
        props.onExport(format);
      }}
    >
      {label}
    </button>
  );
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <Link href="/workflows" aria-label="Back to workflows" className={`${tool} !px-1.5`}>
        <ChevronLeftIcon className="h-5 w-5" />
      </Link>
      <div className="mr-2 max-w-[16rem] min-w-0">
        <h1 className="truncate text-sm font-semibold text-slate-900 dark:text-white">{props.name}</h1>
        <p className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">{props.workflowKey}</p>
      </div>
      {!props.viewing && <ModeTabs workflowKey={props.workflowKey} mode="design" />}
      {props.isReadOnly ? (
        <span
          data-testid="read-only-badge"
          className="rounded-md bg-slate-100 px-2 py-1 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300"
        >
          Read-only{!props.canEdit ? " · admins edit" : ""}
        </span>
      ) : (
        <>
          <span className="mx-1 h-6 w-px bg-slate-200 dark:bg-slate-700" />
          <button type="button" className={tool} onClick={props.onAddState} title="Add state (N)">
            <PlusIcon className="h-4 w-4" />
            <span className="max-xl:sr-only">Add state</span>
          </button>
          <button
            type="button"
            className={tool}
            onClick={props.onUndo}
            disabled={!props.canUndo}
            title="Undo (Ctrl/Cmd+Z)"
            aria-label="Undo"
          >
            ↶
          </button>
          <button
            type="button"
            className={tool}
            onClick={props.onRedo}
            disabled={!props.canRedo}
            title="Redo (Shift+Ctrl/Cmd+Z)"
            aria-label="Redo"
          >
            ↷
          </button>
          <button type="button" className={tool} onClick={props.onAutoLayout} title="Arrange with ELK">
            <span className="xl:hidden" aria-hidden>
              Layout
            </span>
            <span className="max-xl:sr-only">Auto-layout</span>
          </button>
        </>
      )}
      <button type="button" className={tool} onClick={props.onFit} title="Zoom to fit">
        Fit
      </button>
      <div className="ml-auto flex items-center gap-2">
        {!props.isReadOnly && (
          <SaveIndicator
            status={props.saveStatus}
            failure={props.saveFailure}
            retryWait={props.saveRetryWait}
            onRetryNow={props.onRetrySave}
          />
        )}
        {!props.isReadOnly && (
          <>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="hidden"
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) props.onImport(f);
                e.target.value = "";
              }}
            />
            <button type="button" className={tool} onClick={() => fileInput.current?.click()}>
              Import
            </button>
          </>
        )}
        <details ref={exportMenu} className="relative">
          <summary className={`${tool} cursor-pointer list-none`}>Export ▾</summary>
          <div
            role="menu"
            className="absolute right-0 z-50 mt-1 w-48 overflow-hidden rounded-lg border border-slate-200 bg-white py-1 text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
          >
            {exportItem("json", "Definition (JSON)")}
            {exportItem("mermaid", "Mermaid diagram")}
            {exportItem("svg", "Image (SVG)")}
            {exportItem("png", "Image (PNG)")}
          </div>
        </details>
        {props.canEdit && !props.viewing && (
          <button
            type="button"
            className={buttonClass.primary}
            onClick={props.onPublish}
            disabled={props.isPublishing || props.errorCount > 0 || !props.hasDraft || props.saveStatus === "conflict"}
            title={publishBlocker}
          >
            {props.isPublishing ? "Publishing…" : "Publish"}
          </button>
        )}
      </div>
    </header>
  );
}
