"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { AlertTarget } from "@/lib/services/alerts/list-alert-targets";
import { Alert } from "../ui/alert";
import { Field, invalidProps } from "../ui/field";
import { PlusIcon } from "../ui/icons";
import { buttonClass, inputClass, selectClass } from "../ui/styles";
import { useActionForm } from "../ui/use-action-form";
import {
  ALERT_CONDITIONS,
  CONDITION_LABELS,
  DEFAULT_WINDOW_MINUTES,
  type AlertConditionName,
} from "@/lib/contracts/alert-rules";

export interface RuleFormValues {
  name: string;
  workflow: string;
  state: string | null;
  condition: AlertConditionName;
  threshold: number;
  windowMinutes: number | null;
  webhookUrl: string | null;
  isEnabled: boolean;
}

export type SaveRule = (values: RuleFormValues) => Promise<ActionResult<{ id: string; name: string }>>;

const HINTS: Record<AlertConditionName, string> = {
  STATE_COUNT: "Fires when more documents than this wait in the state.",
  OVER_SLA_COUNT: "Counts documents that stayed longer than their state's SLA.",
  ERROR_STATE_COUNT: "Counts documents parked in error states after failed actions.",
  FAILURE_RATE: "Failed action attempts ÷ all attempts in the window, in percent.",
};

/** Pure: the state choices that suit a condition, and what "no state" means for it. */
function stateChoices(target: AlertTarget | undefined, condition: AlertConditionName) {
  const states = target?.states ?? [];
  if (condition === "FAILURE_RATE") return { options: [], emptyLabel: "Whole workflow", isRequired: false };
  if (condition === "ERROR_STATE_COUNT")
    return { options: states.filter((s) => s.kind === "error"), emptyLabel: "All error states", isRequired: false };
  if (condition === "OVER_SLA_COUNT")
    return { options: states.filter((s) => s.hasSla), emptyLabel: "All states with an SLA", isRequired: false };
  return { options: states, emptyLabel: "Choose a state…", isRequired: true };
}

const numberOrUndefined = (value: FormDataEntryValue | null) =>
  value === null || String(value).trim() === "" ? undefined : Number(value);

/** Create or edit an alert rule; server-side field errors appear under their fields. */
export function AlertRuleForm({
  targets,
  initial,
  onSave,
  onDone,
  submitLabel,
}: {
  targets: AlertTarget[];
  initial?: RuleFormValues;
  onSave: SaveRule;
  onDone?: (saved: { id: string; name: string }) => void;
  submitLabel: string;
}) {
  const [workflow, setWorkflow] = useState(initial?.workflow ?? targets[0]?.key ?? "");
  const [condition, setCondition] = useState<AlertConditionName>(initial?.condition ?? "STATE_COUNT");
  const target = targets.find((t) => t.key === workflow);
  const choices = stateChoices(target, condition);
  const isRate = condition === "FAILURE_RATE";
  const idPrefix = initial ? "edit-rule" : "rule";

  const { isPending, errors, message, onSubmit } = useActionForm(
    (data) => {
      const values: RuleFormValues = {
        name: String(data.get("name") ?? ""),
        workflow,
        condition,
        state: isRate ? null : String(data.get("state") ?? "") || null,
        // An empty field goes as undefined: the server answers "Enter a number." on the field.
        threshold: numberOrUndefined(data.get("threshold")) as number,
        windowMinutes: isRate ? (numberOrUndefined(data.get("windowMinutes")) ?? null) : null,
        webhookUrl: String(data.get("webhookUrl") ?? "").trim() || null,
        isEnabled: data.get("isEnabled") === "on",
      };
      return onSave(values);
    },
    (saved, form) => {
      if (!initial) form.reset();
      onDone?.(saved);
    },
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={initial ? `Edit alert rule ${initial.name}` : "Create alert rule"}
      className="space-y-4"
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-12">
        <Field id={`${idPrefix}-name`} label="Rule name" error={errors.name} className="md:col-span-4">
          <input
            id={`${idPrefix}-name`}
            name="name"
            defaultValue={initial?.name}
            maxLength={100}
            placeholder="e.g. Review backlog"
            className={inputClass}
            {...invalidProps(`${idPrefix}-name`, errors.name)}
          />
        </Field>
        <Field id={`${idPrefix}-workflow`} label="Workflow" error={errors.workflow} className="md:col-span-4">
          <select
            id={`${idPrefix}-workflow`}
            name="workflow"
            value={workflow}
            onChange={(e) => setWorkflow(e.target.value)}
            className={selectClass}
            {...invalidProps(`${idPrefix}-workflow`, errors.workflow)}
          >
            {targets.length === 0 && <option value="">No workflows yet</option>}
            {targets.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${idPrefix}-condition`} label="Condition" error={errors.condition} className="md:col-span-4">
          <select
            id={`${idPrefix}-condition`}
            name="condition"
            value={condition}
            onChange={(e) => setCondition(e.target.value as AlertConditionName)}
            className={selectClass}
          >
            {ALERT_CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${idPrefix}-state`}
          label="State"
          error={errors.state}
          className="md:col-span-4"
          hint={
            choices.options.length === 0 && !isRate
              ? condition === "OVER_SLA_COUNT"
                ? "No state of this workflow has an SLA yet."
                : condition === "ERROR_STATE_COUNT"
                  ? "This workflow has no error states."
                  : undefined
              : undefined
          }
        >
          <select
            key={`${workflow}-${condition}`}
            id={`${idPrefix}-state`}
            name="state"
            defaultValue={initial?.workflow === workflow ? (initial.state ?? "") : ""}
            disabled={isRate}
            className={selectClass}
            {...invalidProps(`${idPrefix}-state`, errors.state)}
          >
            <option value="">{choices.emptyLabel}</option>
            {choices.options.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label === s.key ? s.key : `${s.label} (${s.key})`}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${idPrefix}-threshold`}
          label={isRate ? "Alert above (%)" : "Alert above (documents)"}
          error={errors.threshold}
          hint={HINTS[condition]}
          className="md:col-span-4"
        >
          <div className="relative">
            <input
              id={`${idPrefix}-threshold`}
              name="threshold"
              type="number"
              inputMode="decimal"
              step={isRate ? "0.1" : "1"}
              min={0}
              max={isRate ? 100 : undefined}
              defaultValue={initial?.threshold}
              placeholder={isRate ? "e.g. 20" : "e.g. 50"}
              className={`${inputClass} pr-16`}
              {...invalidProps(`${idPrefix}-threshold`, errors.threshold)}
            />
            <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs text-slate-500 dark:text-slate-400">
              {isRate ? "%" : "docs"}
            </span>
          </div>
        </Field>
        <Field
          id={`${idPrefix}-window`}
          label="Window (minutes)"
          error={errors.windowMinutes}
          hint={isRate ? "How far back attempts are counted." : "Only for the failure rate."}
          className="md:col-span-4"
        >
          <input
            id={`${idPrefix}-window`}
            name="windowMinutes"
            type="number"
            min={1}
            step={1}
            disabled={!isRate}
            defaultValue={initial?.windowMinutes ?? DEFAULT_WINDOW_MINUTES}
            className={`${inputClass} disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-400 dark:disabled:bg-slate-900 dark:disabled:text-slate-500`}
            {...invalidProps(`${idPrefix}-window`, errors.windowMinutes)}
          />
        </Field>
        <Field
          id={`${idPrefix}-webhook`}
          label="Webhook URL (optional)"
          error={errors.webhookUrl}
          className="md:col-span-8"
          hint="POSTed when the alert opens and when it resolves, signed in x-docstate-signature. Alerts always appear in the app."
        >
          <input
            id={`${idPrefix}-webhook`}
            name="webhookUrl"
            type="url"
            defaultValue={initial?.webhookUrl ?? ""}
            placeholder="https://hooks.example.com/docstate"
            className={`${inputClass} font-mono text-[13px]`}
            {...invalidProps(`${idPrefix}-webhook`, errors.webhookUrl)}
          />
        </Field>
        <div className="flex items-end justify-between gap-3 md:col-span-4 md:pb-6">
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input
              type="checkbox"
              name="isEnabled"
              defaultChecked={initial?.isEnabled ?? true}
              className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500 dark:border-slate-600 dark:bg-slate-900"
            />
            Enabled
          </label>
          <div className="flex gap-2">
            {initial && onDone && (
              <button
                type="button"
                className={buttonClass.ghost}
                onClick={() => onDone({ id: "", name: initial.name })}
              >
                Cancel
              </button>
            )}
            <button type="submit" className={buttonClass.primary} disabled={isPending || targets.length === 0}>
              {!initial && <PlusIcon className="h-4 w-4" />} {isPending ? "Saving…" : submitLabel}
            </button>
          </div>
        </div>
      </div>
      {message && !Object.keys(errors).length && <Alert>{message}</Alert>}
    </form>
  );
}
