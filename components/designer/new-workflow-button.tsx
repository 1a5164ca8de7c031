"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, fieldErrorMap, invalidProps } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { ActionResult } from "@/lib/api/server-action";

const TEMPLATES = [
  { id: "blank", title: "Blank", text: "A start and a done state, connected." },
  {
    id: "invoice",
    title: "Invoice processing",
    text: "Submit, extract by webhook with retries, review, approve, pay.",
  },
  { id: "expense", title: "Expense claims", text: "Policy check, manager and finance approval, reimbursement." },
] as const;

/** The Workflows page's create-workflow server action. */
export type CreateWorkflowAction = (input: {
  key: string;
  name: string;
  template: (typeof TEMPLATES)[number]["id"];
}) => Promise<ActionResult<{ key: string }>>;

/** Pure: a workflow key suggested from its name ("Vendor onboarding" → "vendor-onboarding"). */
export function keyFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^[^a-z]+/, "")
    .slice(0, 63);
}

/** "New workflow" on the Workflows page (admins only; the action checks again): blank or from a template. */
export function NewWorkflowButton({ action }: { action: CreateWorkflowAction }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [isKeyEdited, setIsKeyEdited] = useState(false);
  const [template, setTemplate] = useState<(typeof TEMPLATES)[number]["id"]>("blank");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  useEffect(() => {
    if (isOpen && !dialog.current?.open) dialog.current?.showModal();
    if (!isOpen && dialog.current?.open) dialog.current.close();
  }, [isOpen]);

  const effectiveKey = isKeyEdited ? key : keyFromName(name);
  const submit = () =>
    startTransition(async () => {
      const result = await action({ key: effectiveKey, name, template });
      if (result.ok) {
        router.push(`/workflows/${result.data.key}`);
        return;
      }
      setErrors(fieldErrorMap(result.fieldErrors));
      setMessage(result.code === "DUPLICATE_KEY" ? null : result.fieldErrors?.length ? null : result.message);
      if (result.code === "DUPLICATE_KEY") setErrors({ key: result.message });
    });

  return (
    <>
      <button type="button" className={buttonClass.primary} onClick={() => setIsOpen(true)}>
        <PlusIcon className="h-4 w-4" />
        New workflow
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="new-workflow-title"
        onCancel={(e) => {
          e.preventDefault();
          setIsOpen(false);
        }}
        className="m-auto w-full max-w-lg rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          className="space-y-4 p-6"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <h2 id="new-workflow-title" className="text-lg font-semibold">
            New workflow
          </h2>
          <Field id="wf-name" label="Name" error={errors.name}>
            <input
              id="wf-name"
              className={inputClass}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoFocus
              {...invalidProps("wf-name", errors.name)}
            />
          </Field>
          <Field id="wf-key" label="Key" error={errors.key} hint="Used in URLs and the API; cannot change later.">
            <input
              id="wf-key"
              className={`${inputClass} font-mono`}
              value={effectiveKey}
              onChange={(e) => {
                setIsKeyEdited(true);
                setKey(e.target.value);
              }}
              {...invalidProps("wf-key", errors.key)}
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Start from</legend>
            <div className="mt-2 grid gap-2">
              {TEMPLATES.map((t) => (
                <label
                  key={t.id}
                  className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${template === t.id ? "border-indigo-500 bg-indigo-50/60 dark:bg-indigo-500/10" : "border-slate-200 dark:border-slate-700"}`}
                >
                  <input
                    type="radio"
                    name="template"
                    value={t.id}
                    checked={template === t.id}
                    onChange={() => setTemplate(t.id)}
                    className="mt-1"
                  />
                  <span>
                    <span className="block text-sm font-medium">{t.title}</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{t.text}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {message && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={() => setIsOpen(false)}>
              Cancel
            </button>
            <button type="submit" className={buttonClass.primary} disabled={isPending}>
              {isPending ? "Creating…" : "Create and open designer"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
