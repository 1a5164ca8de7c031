"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useRef, useState } from "react";
import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";
import type { WorkflowVersionView } from "@/lib/services/versions/list-workflow-versions";
import type { MigrationPreview } from "@/lib/services/versions/preview-migration";
import { BulkProgress } from "../documents/bulk/bulk-progress";
import { Alert } from "../ui/alert";
import { formatCount } from "../ui/format";
import { buttonClass, inputClass, labelClass, selectClass } from "../ui/styles";
import { MigrationPreviewTable } from "./migration-preview-table";
import { MigrationSelectionFields } from "./migration-selection";
import {
  EMPTY_MIGRATION_SELECTION,
  migrationSelection,
  type MigrationSelectionInput,
} from "./migration-selection-input";
import { versionKeys, versionsApi, type MigrationRequestBody } from "./versions-queries";

/**
 * The Migrate wizard (admins): choose the target version, map every state of the source
 * version (states the target has with the same key and kind are filled in; the others are
 * highlighted until chosen), optionally narrow the documents by the documents list's filter
 * (search, state, action status, error states, over SLA, created range) or by ids, dry run
 * (always first: the run button appears only for the plan just previewed), then run it as
 * a bulk operation and watch its progress.
 */
export function MigrateWizard(props: {
  workflowKey: string;
  versions: WorkflowVersionView[];
  fromVersion: number;
  /** Migrate only these documents (the document page's "Migrate this document"). */
  documentIds?: string[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const queryClient = useQueryClient();
  useModalDialog(ref, true);
  const from = props.versions.find((v) => v.version === props.fromVersion);
  const targets = props.versions.filter((v) => v.version !== props.fromVersion && !v.retiredAt);
  const [toVersion, setToVersion] = useState<number | null>(
    targets.find((v) => v.status === "active")?.version ?? targets[0]?.version ?? null,
  );
  const to = props.versions.find((v) => v.version === toVersion);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [selectionInput, setSelectionInput] = useState<MigrationSelectionInput>(EMPTY_MIGRATION_SELECTION);
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<{ plan: string; result: MigrationPreview } | null>(null);
  const [operation, setOperation] = useState<BulkOperationView | null>(null);

  const automatic = useMemo(() => {
    const result: Record<string, string> = {};
    for (const state of from?.definitionStates ?? []) {
      const same = to?.definitionStates.find((s) => s.key === state.key && s.kind === state.kind);
      if (same) result[state.key] = same.key;
    }
    return result;
  }, [from, to]);
  const mapping: Record<string, string> = {};
  for (const [state, target] of Object.entries(choices))
    if (target && automatic[state] !== target) mapping[state] = target;
  const unmapped = (from?.definitionStates ?? []).filter((s) => !automatic[s.key] && !choices[s.key]).map((s) => s.key);
  const selection = props.documentIds
    ? ({ ok: true, selection: { documentIds: props.documentIds } } as const)
    : migrationSelection(selectionInput);
  const body: MigrationRequestBody | null =
    toVersion === null || !selection.ok
      ? null
      : {
          fromVersion: props.fromVersion,
          toVersion,
          mapping,
          ...(selection.selection ? { selection: selection.selection } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        };
  const planKey = JSON.stringify(body);
  const isPreviewCurrent = preview?.plan === planKey;

  const dryRun = useMutation({
    mutationFn: (request: MigrationRequestBody) => versionsApi.preview(props.workflowKey, request),
    onSuccess: (result) => setPreview({ plan: planKey, result }),
  });
  const run = useMutation({
    mutationFn: (request: MigrationRequestBody) => versionsApi.start(props.workflowKey, request),
    onSuccess: (op) => {
      setOperation(op);
      void queryClient.invalidateQueries({ queryKey: versionKeys.workflow(props.workflowKey) });
    },
  });
  const countOnFrom = (state: string) => from?.states.find((s) => s.state === state)?.count ?? 0;

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={props.onClose}
      className="m-auto w-[min(760px,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex items-center border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <h2 id={titleId} className="text-base font-semibold">
          Migrate {props.documentIds ? "this document" : "documents"} of v{props.fromVersion}
        </h2>
        <button
          type="button"
          aria-label="Close"
          className="ml-auto text-sm opacity-60 hover:opacity-100"
          onClick={() => ref.current?.close()}
        >
          ✕
        </button>
      </div>
      {operation ? (
        <div className="space-y-3 p-5">
          <BulkProgress initial={operation} canCancel />
          <div className="flex justify-end">
            <button type="button" className={buttonClass.secondary} onClick={() => ref.current?.close()}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <div className="max-h-[75vh] space-y-4 overflow-y-auto p-5">
          <div className="grid grid-cols-2 gap-4">
            <label className={labelClass}>
              Target version
              <select
                className={`${selectClass} mt-1`}
                value={toVersion ?? ""}
                onChange={(e) => {
                  setToVersion(Number(e.target.value));
                  setChoices({});
                }}
              >
                {targets.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version} ({v.status})
                  </option>
                ))}
              </select>
            </label>
            {props.documentIds && (
              <p className="self-end text-sm text-slate-600 dark:text-slate-300">
                {props.documentIds.length === 1 ? "One document" : `${props.documentIds.length} documents`} selected.
              </p>
            )}
          </div>
          <table className="w-full text-sm" aria-label="State mapping">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="py-1 font-medium">State of v{props.fromVersion}</th>
                <th className="py-1 font-medium">Documents</th>
                <th className="py-1 font-medium">State of v{toVersion ?? "?"}</th>
              </tr>
            </thead>
            <tbody>
              {from?.definitionStates.map((state) => {
                const isUnmapped = unmapped.includes(state.key);
                return (
                  <tr
                    key={state.key}
                    data-testid={`mapping-${state.key}`}
                    data-unmapped={isUnmapped || undefined}
                    className={isUnmapped ? "bg-amber-50 dark:bg-amber-500/10" : ""}
                  >
                    <td className="py-1 pr-2 font-mono text-xs">
                      {state.key}
                      {isUnmapped && (
                        <span className="ml-2 font-sans text-amber-700 dark:text-amber-300">needs a target</span>
                      )}
                    </td>
                    <td className="py-1 pr-2 text-xs text-slate-500">{formatCount(countOnFrom(state.key))}</td>
                    <td className="py-1">
                      <select
                        aria-label={`Target state for ${state.key}`}
                        className={`${selectClass} !py-1 text-xs`}
                        aria-invalid={isUnmapped || undefined}
                        value={choices[state.key] ?? automatic[state.key] ?? ""}
                        onChange={(e) => setChoices((c) => ({ ...c, [state.key]: e.target.value }))}
                      >
                        <option value="">— choose —</option>
                        {to?.definitionStates.map((t) => (
                          <option key={t.key} value={t.key}>
                            {t.key}
                            {automatic[state.key] === t.key ? " (same)" : ""}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!props.documentIds && (
            <MigrationSelectionFields
              fromVersion={props.fromVersion}
              documents={from?.documents ?? 0}
              states={(from?.definitionStates ?? []).map((s) => ({ key: s.key, count: countOnFrom(s.key) }))}
              value={selectionInput}
              onChange={setSelectionInput}
            />
          )}
          <label className={labelClass}>
            Reason <span className="font-normal text-slate-500">(recorded in each document&apos;s history)</span>
            <input
              className={`${inputClass} mt-1`}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {unmapped.length > 0 && (
            <Alert tone="notice">
              Map {unmapped.map((s) => `“${s}”`).join(", ")}: v{toVersion} lacks {unmapped.length === 1 ? "it" : "them"}{" "}
              or changed {unmapped.length === 1 ? "its" : "their"} kind.
            </Alert>
          )}
          {(dryRun.error ?? run.error) && <Alert tone="error">{(dryRun.error ?? run.error)!.message}</Alert>}
          {preview && isPreviewCurrent && <MigrationPreviewTable preview={preview.result} />}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button
              type="button"
              className={isPreviewCurrent ? buttonClass.secondary : buttonClass.primary}
              disabled={!body || unmapped.length > 0 || dryRun.isPending}
              onClick={() => body && dryRun.mutate(body)}
            >
              {dryRun.isPending ? "Running the dry run…" : "Dry run"}
            </button>
            {isPreviewCurrent && (
              <button
                type="button"
                className={buttonClass.primary}
                disabled={run.isPending || preview.result.moving === 0}
                onClick={() => body && run.mutate(body)}
              >
                Migrate {formatCount(preview.result.moving)} document{preview.result.moving === 1 ? "" : "s"}
              </button>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}

/** The wizard with the workflow's versions loaded fresh (after a publish the list has a new version). */
export function MigrateWizardLoader(props: Omit<Parameters<typeof MigrateWizard>[0], "versions">) {
  const { data, isFetchedAfterMount } = useQuery({
    queryKey: versionKeys.workflow(props.workflowKey),
    queryFn: () => versionsApi.list(props.workflowKey),
    refetchOnMount: "always",
  });
  // Not the cached list from before the publish: the wizard picks its target on mount.
  return data && isFetchedAfterMount ? <MigrateWizard {...props} versions={data.versions} /> : null;
}
