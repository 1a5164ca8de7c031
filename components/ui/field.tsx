import type { ReactNode } from "react";
import type { FieldError } from "@/lib/errors/app-error";
import { labelClass } from "./styles";

/** A labelled form control with its hint or error below; the control must use `id`. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className = "",
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Pure: field errors keyed by top-level field name (first message wins). */
export function fieldErrorMap(errors: FieldError[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors ?? []) {
    const field = e.path.split(".")[0] ?? e.path;
    map[field] ??= e.message;
  }
  return map;
}

/** Props that wire a control to its Field's error for assistive technology. */
export function invalidProps(id: string, error: string | undefined) {
  return error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}
