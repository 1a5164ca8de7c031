"use client";

import { useEffect, useId, useRef } from "react";
import { buttonClass } from "../ui/styles";
import { PublishImpact } from "./publish-impact";

/**
 * Confirms a publish with its impact on the documents in flight: "Publish", or "Publish and
 * migrate…", which publishes and then opens the Migrate wizard for the previous version.
 */
export function PublishConfirmDialog(props: {
  workflowKey: string;
  draftVersion: number | null;
  onPublish: (thenMigrate: boolean) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={props.onCancel}
      className="m-auto w-[min(520px,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-base font-semibold">
        Publish {props.draftVersion ? `version ${props.draftVersion}` : "the draft"}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        New documents will start on the new version. Documents already running stay pinned to their version.
      </p>
      <div className="mt-4">
        <PublishImpact workflowKey={props.workflowKey} />
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => props.onPublish(true)}>
          Publish and migrate…
        </button>
        <button type="button" className={buttonClass.primary} onClick={() => props.onPublish(false)}>
          Publish
        </button>
      </div>
    </dialog>
  );
}
