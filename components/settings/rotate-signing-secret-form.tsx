"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { KeyIcon } from "../ui/icons";
import { ShownOnceValue } from "../ui/shown-once-value";
import { buttonClass, selectClass } from "../ui/styles";
import { useActionForm } from "../ui/use-action-form";

type RotateAction = (input: {
  workflowKey: string;
  graceSeconds: number;
}) => Promise<ActionResult<{ secret: string; previousValidUntil: Date | null }>>;

const GRACE_OPTIONS = [
  { seconds: 0, label: "Stop at once" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "1 day" },
  { seconds: 604_800, label: "7 days" },
];

/**
 * Generates a workflow's webhook signing secret and shows it exactly once. During the grace
 * period the previous secret signs too (a second v1= entry), so receivers can switch calmly.
 */
export function RotateSigningSecretForm({ action, workflowKeys }: { action: RotateAction; workflowKeys: string[] }) {
  const [created, setCreated] = useState<{ workflowKey: string; secret: string; until: Date | null } | null>(null);
  const { isPending, errors, message, onSubmit } = useActionForm(
    (data) =>
      action({ workflowKey: String(data.get("workflowKey") ?? ""), graceSeconds: Number(data.get("graceSeconds")) }),
    (result, form) => {
      setCreated({
        workflowKey: String(new FormData(form).get("workflowKey")),
        secret: result.secret,
        until: result.previousValidUntil,
      });
    },
  );
  if (workflowKeys.length === 0) {
    return <p className="p-5 text-sm text-slate-500 dark:text-slate-400">No workflows yet.</p>;
  }
  return (
    <div className="p-5">
      {created && <SecretReveal {...created} onDone={() => setCreated(null)} />}
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label="Generate webhook signing secret"
        className="flex flex-wrap items-start gap-3"
      >
        <Field id="secret-workflow" label="Workflow" error={errors.workflowKey} className="min-w-56 flex-1">
          <select id="secret-workflow" name="workflowKey" className={selectClass}>
            {workflowKeys.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </Field>
        <Field id="secret-grace" label="Previous secret keeps signing for" error={errors.graceSeconds} className="w-64">
          <select id="secret-grace" name="graceSeconds" defaultValue="86400" className={selectClass}>
            {GRACE_OPTIONS.map((o) => (
              <option key={o.seconds} value={o.seconds}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="pt-6">
          <button type="submit" className={buttonClass.primary} disabled={isPending}>
            <KeyIcon className="h-4 w-4" /> {isPending ? "Generating…" : "Generate secret"}
          </button>
        </div>
      </form>
      {message && !Object.keys(errors).length && (
        <div className="mt-3">
          <Alert>{message}</Alert>
        </div>
      )}
    </div>
  );
}

function SecretReveal(props: { workflowKey: string; secret: string; until: Date | null; onDone: () => void }) {
  return (
    <ShownOnceValue
      label="New signing secret"
      title={<>Signing secret for “{props.workflowKey}” generated</>}
      value={props.secret}
      testId="new-signing-secret"
      copyLabel="Copy secret"
      onDone={props.onDone}
    >
      Copy it into the receiver now; it is shown only this once.
      {props.until && ` The previous secret keeps signing until ${new Date(props.until).toLocaleString()}.`}
    </ShownOnceValue>
  );
}
