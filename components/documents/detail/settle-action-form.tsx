"use client";

import { useId, useState } from "react";
import { MAX_REASON_LENGTH } from "@/lib/contracts/limits";
import type { Check, SettleOutcome } from "@/lib/engine";
import { buttonClass, inputClass } from "../../ui/styles";

/**
 * Settling an automated action by hand: a person completes it (as if it had succeeded, so
 * onSuccess fires) or fails it now (onFailure fires), with a reason for the history. Folded
 * away until asked for: it is the last resort after retrying. Each button follows the
 * engine's check for this document (checkSettleAction): disabled with its message when the
 * outcome's transition would be refused (a guard the metadata fails).
 */
export function SettleActionForm({
  checks,
  isPending,
  outputInto,
  onSettle,
}: {
  checks: Record<SettleOutcome, Check>;
  isPending: boolean;
  /** The action's output path, when it maps one: "complete" may then carry the output. */
  outputInto?: string;
  onSettle: (outcome: SettleOutcome, reason: string, output?: unknown) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const [outputText, setOutputText] = useState("");
  const id = useId();
  const parsedOutput = parseOutput(outputText);
  // A guard the output may satisfy is decided by the server, with the output in the metadata.
  const isCompleteBlocked =
    !checks.complete.ok && !(outputInto && checks.complete.code === "GUARD_FAILED" && parsedOutput.value !== undefined);
  const blocked = [checks.complete, checks.fail].flatMap((check) => (check.ok ? [] : [check.message]));

  function settle(outcome: SettleOutcome) {
    if (!reason.trim()) return setMissingReason(true);
    if (outcome === "complete" && parsedOutput.error) return;
    onSettle(outcome, reason.trim(), outcome === "complete" ? parsedOutput.value : undefined);
  }

  if (!isOpen) {
    return (
      <button type="button" className={`${buttonClass.ghost} mt-2 text-xs`} onClick={() => setOpen(true)}>
        Complete or fail by hand…
      </button>
    );
  }
  return (
    <div className="mt-3 space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800">
      <label htmlFor={`${id}-reason`} className="block text-xs text-slate-600 dark:text-slate-300">
        Why settle the action by hand? Kept in the history.
      </label>
      <textarea
        id={`${id}-reason`}
        className={inputClass}
        rows={2}
        maxLength={MAX_REASON_LENGTH}
        value={reason}
        aria-invalid={missingReason || undefined}
        aria-describedby={missingReason ? `${id}-missing` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissingReason(false);
        }}
        autoFocus
      />
      {missingReason && (
        <p id={`${id}-missing`} className="text-xs text-red-700 dark:text-red-300">
          Give a reason first.
        </p>
      )}
      {outputInto && (
        <>
          <label htmlFor={`${id}-output`} className="block text-xs text-slate-600 dark:text-slate-300">
            Output for <code>{outputInto}</code> (JSON, optional; only with Complete)
          </label>
          <textarea
            id={`${id}-output`}
            className={`${inputClass} font-mono text-xs`}
            rows={3}
            spellCheck={false}
            value={outputText}
            placeholder={'{"invoiceNumber": "INV-1"}'}
            aria-invalid={parsedOutput.error ? true : undefined}
            onChange={(e) => setOutputText(e.target.value)}
          />
          {parsedOutput.error && <p className="text-xs text-red-700 dark:text-red-300">{parsedOutput.error}</p>}
        </>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.small}
          disabled={isPending || isCompleteBlocked || Boolean(parsedOutput.error)}
          onClick={() => settle("complete")}
        >
          Complete action
        </button>
        <button
          type="button"
          className={buttonClass.smallDanger}
          disabled={isPending || !checks.fail.ok}
          onClick={() => settle("fail")}
        >
          Fail action now
        </button>
        <button type="button" className={buttonClass.ghost} onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {blocked.map((message) => (
        <p key={message} className="text-xs text-slate-500 dark:text-slate-400">
          {message}
        </p>
      ))}
    </div>
  );
}

/** Pure: the typed output as JSON; empty is "no output". */
function parseOutput(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
