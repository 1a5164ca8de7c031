"use client";

import { useState, type ReactNode } from "react";
import { CheckIcon, CopyIcon } from "./icons";
import { buttonClass } from "./styles";

/**
 * A credential DocState shows only once (an API token, a webhook signing secret): the value
 * to select or copy, what it is, and Done to put it away. DocState keeps no readable copy,
 * so this is the one chance to take it.
 */
export function ShownOnceValue({
  label,
  title,
  children,
  value,
  testId,
  copyLabel,
  onDone,
}: {
  /** The region's accessible name, e.g. "New API token". */
  label: string;
  title: ReactNode;
  /** Why it is shown once, and anything else the reader must know now. */
  children: ReactNode;
  value: string;
  testId: string;
  /** The copy button's accessible name, e.g. "Copy token". */
  copyLabel: string;
  onDone: () => void;
}) {
  const [isCopied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div
      role="status"
      aria-label={label}
      className="mb-5 rounded-xl border border-emerald-200 bg-emerald-50 p-4 dark:border-emerald-900/60 dark:bg-emerald-500/[0.07]"
    >
      <div className="text-sm font-medium text-emerald-800 dark:text-emerald-300">{title}</div>
      <p className="mt-0.5 text-sm text-emerald-700 dark:text-emerald-400/90">{children}</p>
      <div className="mt-3 flex items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 truncate rounded-lg border border-emerald-200 bg-white px-3 py-2 font-mono text-sm text-slate-900 select-all dark:border-emerald-900/60 dark:bg-slate-950 dark:text-slate-100"
        >
          {value}
        </code>
        <button type="button" onClick={copy} className={buttonClass.secondary} aria-label={copyLabel}>
          {isCopied ? <CheckIcon className="h-4 w-4 text-emerald-600" /> : <CopyIcon className="h-4 w-4" />}
          {isCopied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDone} className={buttonClass.ghost}>
          Done
        </button>
      </div>
    </div>
  );
}
