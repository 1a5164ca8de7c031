"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { AlertRuleView } from "@/lib/services/alerts/alert-rule-view";
import type { AlertTarget } from "@/lib/services/alerts/list-alert-targets";
import { TableHead, TBODY, type TableColumn } from "../ui/table-head";
import { BellIcon } from "../ui/icons";
import { Badge } from "../ui/badge";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { buttonClass } from "../ui/styles";
import { describeCondition, formatValue, webhookHost } from "./alert-format";
import { AlertRuleForm, type RuleFormValues, type SaveRule } from "./alert-rule-form";

const RULE_COLUMNS: TableColumn[] = ["Rule", "Workflow", "Notifies", "Status"];

export interface AlertRuleActions {
  create: SaveRule;
  update: (input: { id: string } & Partial<RuleFormValues>) => Promise<ActionResult<{ id: string; name: string }>>;
  remove: (input: { id: string }) => Promise<ActionResult<{ id: string }>>;
}

/**
 * Settings → Alert rules. Admins get the create form and per-rule edit, enable/disable and
 * delete; everyone else the same table read-only (actions are refused on the server anyway).
 */
export function AlertRulesPanel({
  rules,
  targets,
  actions,
}: {
  rules: AlertRuleView[];
  targets: AlertTarget[];
  actions?: AlertRuleActions;
}) {
  const [editingId, setEditingId] = useState<string | null>(null);
  return (
    <>
      {actions && (
        <div className="border-b border-slate-200 p-5 dark:border-slate-800">
          <AlertRuleForm targets={targets} onSave={actions.create} submitLabel="Create rule" />
        </div>
      )}
      {rules.length === 0 ? (
        <div className="flex flex-col items-center px-5 py-10 text-center">
          <div className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
            <BellIcon className="h-5 w-5" />
          </div>
          <p className="text-sm font-medium text-slate-900 dark:text-white">No alert rules yet</p>
          <p className="mt-1 max-w-sm text-sm text-slate-500 dark:text-slate-400">
            {actions
              ? "Create one above to be told when documents pile up, miss their SLA or fail."
              : "An admin can add rules that watch your workflows."}
          </p>
        </div>
      ) : (
        <table className="w-full text-sm" aria-label="Alert rules">
          <TableHead columns={actions ? [...RULE_COLUMNS, { label: "Actions", isLabelHidden: true }] : RULE_COLUMNS} />
          <tbody className={TBODY}>
            {rules.map((rule) =>
              editingId === rule.id && actions ? (
                <tr key={rule.id} className="bg-slate-50/70 dark:bg-slate-950/40">
                  <td colSpan={5} className="p-5">
                    <AlertRuleForm
                      targets={targets}
                      submitLabel="Save changes"
                      initial={{ ...rule, threshold: rule.threshold }}
                      onSave={(values) => actions.update({ id: rule.id, ...values })}
                      onDone={() => setEditingId(null)}
                    />
                  </td>
                </tr>
              ) : (
                <RuleRow key={rule.id} rule={rule} actions={actions} onEdit={() => setEditingId(rule.id)} />
              ),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}

function RuleRow({ rule, actions, onEdit }: { rule: AlertRuleView; actions?: AlertRuleActions; onEdit: () => void }) {
  const [isPending, startTransition] = useTransition();
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    startTransition(async () => {
      const result = await fn();
      if (result.ok) {
        setError(null);
        after?.();
      } else setError(result.message);
    });

  return (
    <tr className={rule.isEnabled ? "" : "text-slate-500 dark:text-slate-400"} data-testid={`alert-rule-${rule.name}`}>
      <th scope="row" className="px-4 py-3 text-left align-top font-normal">
        <div className={`font-medium ${rule.isEnabled ? "text-slate-900 dark:text-white" : ""}`}>{rule.name}</div>
        <div className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{describeCondition(rule)}</div>
        {error && !isConfirming && (
          <div role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
            {error}
          </div>
        )}
      </th>
      <td className="px-4 py-3 align-top">
        <div className="text-slate-700 dark:text-slate-300">{rule.workflowName}</div>
        <code className="font-mono text-xs whitespace-nowrap text-slate-500 dark:text-slate-400">{rule.workflow}</code>
      </td>
      <td className="px-4 py-3 align-top">
        <div className="flex flex-wrap gap-1.5">
          <Badge tone="indigo">In-app</Badge>
          {rule.webhookUrl && (
            <Badge tone="violet" title={rule.webhookUrl}>
              Webhook · {webhookHost(rule.webhookUrl)}
            </Badge>
          )}
        </div>
      </td>
      <td className="px-4 py-3 align-top">
        <RuleStatus rule={rule} />
      </td>
      {actions && (
        <td className="px-4 py-3 text-right align-top">
          <div className="flex justify-end gap-1.5">
            <button
              type="button"
              className={buttonClass.small}
              disabled={isPending}
              onClick={() => run(() => actions.update({ id: rule.id, isEnabled: !rule.isEnabled }))}
              aria-label={`${rule.isEnabled ? "Disable" : "Enable"} ${rule.name}`}
            >
              {rule.isEnabled ? "Disable" : "Enable"}
            </button>
            <button type="button" className={buttonClass.small} onClick={onEdit} aria-label={`Edit ${rule.name}`}>
              Edit
            </button>
            <button
              type="button"
              className={buttonClass.smallDanger}
              onClick={() => {
                setError(null);
                setConfirming(true);
              }}
              aria-label={`Delete ${rule.name}`}
            >
              Delete
            </button>
          </div>
          <ConfirmDialog
            open={isConfirming}
            title={`Delete “${rule.name}”?`}
            confirmLabel="Delete rule"
            isDanger
            isPending={isPending}
            error={error}
            onConfirm={() =>
              run(
                () => actions.remove({ id: rule.id }),
                () => setConfirming(false),
              )
            }
            onCancel={() => setConfirming(false)}
          >
            The rule and its alert history are removed; the audit log keeps a record. Disable the rule instead to keep
            its history.
          </ConfirmDialog>
        </td>
      )}
    </tr>
  );
}

function RuleStatus({ rule }: { rule: AlertRuleView }) {
  const last = rule.lastValue === null ? null : formatValue(rule.condition, rule.lastValue);
  return (
    <div className="space-y-1">
      {!rule.isEnabled ? (
        <Badge>Disabled</Badge>
      ) : rule.activeAlert?.status === "OPEN" ? (
        <Badge tone="red" dot>
          Firing
        </Badge>
      ) : rule.activeAlert?.status === "ACKNOWLEDGED" ? (
        <Badge tone="amber" dot>
          Acknowledged
        </Badge>
      ) : rule.lastError ? (
        <Badge tone="amber" title={rule.lastError}>
          Evaluation failed
        </Badge>
      ) : rule.lastEvaluatedAt ? (
        <Badge tone="green" dot>
          OK
        </Badge>
      ) : (
        <Badge tone="sky">Pending</Badge>
      )}
      {rule.isEnabled && last !== null && (
        <div className="text-xs text-slate-500 dark:text-slate-400">currently {last}</div>
      )}
    </div>
  );
}
