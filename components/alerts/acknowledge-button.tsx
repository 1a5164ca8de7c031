"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { CheckIcon } from "../ui/icons";
import { buttonClass } from "../ui/styles";

type AcknowledgeAction = (input: { id: string }) => Promise<ActionResult<unknown>>;

/** "Acknowledge" on an open alert; the page re-renders from the server when it succeeds. */
export function AcknowledgeButton({
  id,
  ruleName,
  action,
}: {
  id: string;
  ruleName: string;
  action: AcknowledgeAction;
}) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={isPending}
        aria-label={`Acknowledge ${ruleName}`}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ id });
            setError(result.ok ? null : result.message);
          })
        }
      >
        <CheckIcon className="h-4 w-4" /> {isPending ? "Acknowledging…" : "Acknowledge"}
      </button>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
