"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { isApiError } from "../data/fetch-json";
import { Alert } from "../ui/alert";
import { PlusIcon } from "../ui/icons";
import { buttonClass, inputClass, labelClass, selectClass } from "../ui/styles";
import { documentApi } from "./document-queries";
import { parseMetadataText } from "@/lib/contracts/metadata";

/** Same limit as the service (MAX_CONTENT_BYTES); checked here first so nothing large is sent in vain. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * New document: workflow, title, optional external ref, metadata (JSON object) and a file.
 * Sent to POST /api/v1/documents with the session cookie (same service as the API), then
 * opens the new document.
 */
export function CreateDocumentDialog({
  workflows,
  defaultWorkflow,
}: {
  workflows: { key: string; name: string }[];
  defaultWorkflow?: string;
}) {
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [isOpen, setOpen] = useState(false);
  const [workflow, setWorkflow] = useState(defaultWorkflow ?? workflows[0]?.key ?? "");
  const [title, setTitle] = useState("");
  const [externalRef, setExternalRef] = useState("");
  const [metadata, setMetadata] = useState("{}");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const parsed = parseMetadataText(metadata);
  const fileError =
    file && file.size > MAX_UPLOAD_BYTES
      ? `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB.`
      : null;

  useModalDialog(ref, isOpen);

  async function submit() {
    if (!title.trim()) return setError("Give the document a title.");
    if (!parsed.ok || fileError) return;
    setError(null);
    setPending(true);
    try {
      const content = file
        ? { contentType: file.type || "application/octet-stream", base64: await toBase64(file) }
        : undefined;
      const created = await documentApi.create({
        workflow,
        title: title.trim(),
        metadata: parsed.value,
        externalRef: externalRef.trim() || undefined,
        content,
      });
      setOpen(false);
      router.push(`/documents/${created.id}`);
    } catch (error) {
      setError(
        isApiError(error) && error.code !== "NETWORK"
          ? error.message
          : "The server could not be reached. Nothing was created; try again.",
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass.primary}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        <PlusIcon className="h-4 w-4" /> New document
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        className="m-auto w-full max-w-lg rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="space-y-3 p-6">
            <h2 id={titleId} className="text-base font-semibold">
              New document
            </h2>
            <label className="block">
              <span className={labelClass}>Workflow</span>
              <select className={`${selectClass} mt-1`} value={workflow} onChange={(e) => setWorkflow(e.target.value)}>
                {workflows.map((w) => (
                  <option key={w.key} value={w.key}>
                    {w.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className={labelClass}>Title</span>
              <input
                className={`${inputClass} mt-1`}
                value={title}
                maxLength={500}
                onChange={(e) => setTitle(e.target.value)}
              />
            </label>
            <label className="block">
              <span className={labelClass}>
                External ref{" "}
                <span className="font-normal text-slate-500 dark:text-slate-400">
                  (optional, makes the create idempotent)
                </span>
              </span>
              <input
                className={`${inputClass} mt-1 font-mono`}
                value={externalRef}
                maxLength={200}
                onChange={(e) => setExternalRef(e.target.value)}
              />
            </label>
            <label className="block">
              <span className={labelClass}>Metadata (JSON object)</span>
              <textarea
                className={`${inputClass} mt-1 font-mono text-xs`}
                rows={4}
                spellCheck={false}
                value={metadata}
                aria-invalid={!parsed.ok}
                onChange={(e) => setMetadata(e.target.value)}
              />
            </label>
            {!parsed.ok && <p className="text-xs text-red-600 dark:text-red-400">{parsed.message}</p>}
            <label className="block">
              <span className={labelClass}>
                Content <span className="font-normal text-slate-500 dark:text-slate-400">(optional, up to 20 MB)</span>
              </span>
              <input
                type="file"
                className="mt-1 block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm dark:text-slate-300 dark:file:bg-slate-800 dark:file:text-slate-200"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </label>
            {fileError && <p className="text-xs text-red-600 dark:text-red-400">{fileError}</p>}
            {error && <Alert title="The document was not created">{error}</Alert>}
          </div>
          <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-6 py-3 dark:border-slate-800 dark:bg-slate-900/60">
            <button type="button" className={buttonClass.secondary} onClick={() => setOpen(false)} disabled={isPending}>
              Cancel
            </button>
            <button
              type="submit"
              className={buttonClass.primary}
              disabled={isPending || !parsed.ok || Boolean(fileError)}
            >
              {isPending ? "Creating…" : "Create document"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
