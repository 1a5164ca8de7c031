"use client";

import { useState, type ReactNode } from "react";
import { MAX_LABEL_LENGTH } from "@/lib/engine";
import { inputClass, labelClass, selectClass } from "@/components/ui/styles";

export const smallInput = `${inputClass} !py-1.5 disabled:opacity-70`;
export const smallSelect = `${selectClass} !py-1.5`;

export function Row({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={`${labelClass} !text-xs`}>
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>
      ) : null}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3 border-t border-slate-200 px-4 py-4 first:border-t-0 dark:border-slate-800">
      <h3 className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

/**
 * A text input whose value is applied only when `validate` accepts it: the mistake is shown
 * under the field and the definition keeps its last good value (nothing saved half-way).
 */
export function CheckedInput({
  id,
  label,
  value,
  validate,
  onApply,
  isDisabled,
  hint,
  placeholder,
  mono,
}: {
  id: string;
  label: string;
  value: string;
  validate: (text: string) => string | null;
  onApply: (text: string) => void;
  isDisabled?: boolean;
  hint?: string;
  placeholder?: string;
  mono?: boolean;
}) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  return (
    <Row id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        value={text}
        disabled={isDisabled}
        placeholder={placeholder}
        className={`${smallInput} ${mono ? "font-mono" : ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const problem = validate(next);
          setError(problem);
          if (!problem && next !== value) onApply(next);
        }}
      />
    </Row>
  );
}

/**
 * The first two fields of both inspectors: the key (checked by `keyError`, the caller's rule
 * for what else uses it) and the optional label. Each applies only when valid, like CheckedInput.
 */
export function KeyAndLabelInputs({
  idPrefix,
  keyValue,
  label,
  keyHint,
  keyError,
  isReadOnly,
  onKey,
  onLabel,
}: {
  idPrefix: string;
  keyValue: string;
  label: string | undefined;
  keyHint: string;
  keyError: (text: string) => string | null;
  isReadOnly: boolean;
  onKey: (key: string) => void;
  /** Undefined when the label is cleared. */
  onLabel: (label: string | undefined) => void;
}) {
  return (
    <>
      <CheckedInput
        id={`${idPrefix}-key`}
        label="Key"
        mono
        value={keyValue}
        isDisabled={isReadOnly}
        hint={keyHint}
        validate={keyError}
        onApply={onKey}
      />
      <CheckedInput
        id={`${idPrefix}-label`}
        label="Label"
        value={label ?? ""}
        isDisabled={isReadOnly}
        validate={(t) => (t.length > MAX_LABEL_LENGTH ? `At most ${MAX_LABEL_LENGTH} characters.` : null)}
        onApply={(text) => onLabel(text.trim() || undefined)}
      />
    </>
  );
}
