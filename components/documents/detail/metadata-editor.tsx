"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { Alert } from "../../ui/alert";
import { buttonClass, inputClass } from "../../ui/styles";
import { Panel } from "./panel";
import { useStaleGuard } from "./stale-guard";
import { parseMetadataText } from "@/lib/contracts/metadata";

/** The page's update-metadata server action. */
export type UpdateMetadataAction = (input: {
  documentId: string;
  expectedVersion: number;
  metadata: Record<string, unknown>;
}) => Promise<ActionResult<unknown>>;

/** Metadata as formatted JSON; operators edit it as text, validated before it is sent. */
export function MetadataEditor({
  documentId,
  version,
  metadata,
  canEdit,
  action,
}: {
  documentId: string;
  version: number;
  metadata: Record<string, unknown>;
  canEdit: boolean;
  action: UpdateMetadataAction;
}) {
  const stale = useStaleGuard();
  const formatted = JSON.stringify(metadata, null, 2);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const parsed = draft === null ? null : parseMetadataText(draft);

  function save() {
    if (!parsed?.ok) return;
    setError(null);
    startTransition(async () => {
      const result = await action({ documentId, expectedVersion: version, metadata: parsed.value });
      if (result.ok) return setDraft(null);
      if (!stale.isStale(result.code)) setError(result.message);
    });
  }

  return (
    <Panel
      title="Metadata"
      actions={
        canEdit &&
        draft === null && (
          <button
            type="button"
            className={buttonClass.small}
            onClick={() => {
              setDraft(formatted);
              setError(null);
            }}
          >
            Edit
          </button>
        )
      }
    >
      {draft === null ? (
        Object.keys(metadata).length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No metadata.</p>
        ) : (
          <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1.5 text-sm">
            {Object.entries(metadata).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="truncate font-mono text-xs leading-5 text-slate-500 dark:text-slate-400">{key}</dt>
                <dd className="min-w-0 break-words text-slate-800 dark:text-slate-200">
                  {typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? (
                    String(value)
                  ) : (
                    <code className="text-xs">{JSON.stringify(value)}</code>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )
      ) : (
        <div className="space-y-2">
          <textarea
            aria-label="Metadata JSON"
            spellCheck={false}
            rows={Math.min(16, Math.max(6, draft.split("\n").length + 1))}
            className={`${inputClass} font-mono text-xs`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={parsed?.ok === false}
          />
          {parsed?.ok === false && (
            <p className="text-xs text-red-600 dark:text-red-400" role="status">
              {parsed.message}
            </p>
          )}
          {error && <Alert title="Metadata was not saved">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={() => setDraft(null)} disabled={isPending}>
              Cancel
            </button>
            <button type="button" className={buttonClass.primary} onClick={save} disabled={isPending || !parsed?.ok}>
              {isPending ? "Saving…" : "Save metadata"}
            </button>
          </div>
        </div>
      )}
    </Panel>
  );
}
