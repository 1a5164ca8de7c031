"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { useId, useRef } from "react";
import { buttonClass } from "../ui/styles";
import { PublishImpact } from "../versions/publish-impact";
import { ReplaySummary } from "./replay-summary";

/**
 * The last step before publishing: what the draft becomes, and what it would have done to
 * recent real work (ReplaySummary), the documents in flight per version (PublishImpact),
 * then "Publish" or "Publish and migrate…" (publishes, then opens the Migrate wizard for the
 * previous version's documents). Opened only after the draft is saved, so
 * the replay and the publish both act on `revision`.
 */
export function PublishDialog({
  open,
  workflowKey,
  revision,
  draftVersion,
  isPublishing,
  onPublish,
  onCancel,
}: {
  open: boolean;
  workflowKey: string;
  revision: number;
  draftVersion: number | null;
  isPublishing: boolean;
  onPublish: (thenMigrate: boolean) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModalDialog(ref, open);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!isPublishing) onCancel();
      }}
      className="m-auto w-full max-w-2xl rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-2xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-[2px] dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="max-h-[70vh] space-y-3 overflow-y-auto p-6">
        <h2 id={titleId} className="text-base font-semibold">
          Publish {draftVersion === null ? "the draft" : `version ${draftVersion}`}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          New documents will start on this version. Documents already in flight stay on the version they started on.
        </p>
        {open && <PublishImpact workflowKey={workflowKey} />}
        {open && <ReplaySummary workflowKey={workflowKey} revision={revision} />}
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-6 py-3 dark:border-slate-800 dark:bg-slate-900/60">
        <button type="button" className={buttonClass.secondary} onClick={onCancel} disabled={isPublishing}>
          Cancel
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => onPublish(true)} disabled={isPublishing}>
          Publish and migrate…
        </button>
        <button type="button" className={buttonClass.primary} onClick={() => onPublish(false)} disabled={isPublishing}>
          {isPublishing ? "Publishing…" : "Publish"}
        </button>
      </div>
    </dialog>
  );
}
