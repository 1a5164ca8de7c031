"use client";

import { useState } from "react";
import { DEFAULT_FIRING_ROLES, ROLES, type Role } from "@/lib/engine";
import { jsonSchemaTextError } from "./json-schema-text";
import type { TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { KeyAndLabelInputs, Row, Section, smallInput, smallSelect } from "./inspector-fields";
import { SourcePicker, type SourceOption } from "./source-picker";
import { keyError } from "./state-inspector";

export function guardError(text: string): string | null {
  return jsonSchemaTextError(text, 'A guard must be a JSON Schema object, e.g. {"required": ["amount"]}.');
}

export function TransitionInspector({
  data,
  sourceIds,
  target,
  states,
  takenKeys,
  isReadOnly,
  onChange,
  onSetSources,
}: {
  data: TransitionEdgeData;
  /** Node ids of the states it leaves (ANY_NODE_ID: any state). */
  sourceIds: readonly string[];
  target: string;
  states: readonly SourceOption[];
  takenKeys: ReadonlySet<string>;
  isReadOnly: boolean;
  onChange: (patch: Partial<TransitionEdgeData>, retarget?: string) => void;
  /** Returns why the new sources were refused, or null. */
  onSetSources: (sourceIds: string[]) => string | null;
}) {
  const [guardText, setGuardText] = useState(data.guard ? JSON.stringify(data.guard.jsonSchema, null, 2) : "");
  const [guardProblem, setGuardProblem] = useState<string | null>(null);
  const stateKeys = states.map((s) => s.key);
  const roles = data.roles;
  return (
    <div role="region" aria-label="Transition inspector">
      <Section title="Transition">
        <KeyAndLabelInputs
          idPrefix="transition"
          keyValue={data.key}
          label={data.label}
          keyHint="Unique among the transitions leaving the same state."
          keyError={(t) => keyError(t, takenKeys, "transition from this state")}
          isReadOnly={isReadOnly}
          onKey={(key) => onChange({ key })}
          onLabel={(label) => onChange({ label })}
        />
        <SourcePicker sourceIds={sourceIds} states={states} isReadOnly={isReadOnly} onSetSources={onSetSources} />
        <Row id="transition-to" label="To">
          <select
            id="transition-to"
            className={smallSelect}
            value={target}
            disabled={isReadOnly}
            onChange={(e) => onChange({}, e.target.value)}
          >
            {stateKeys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </Row>
      </Section>
      <Section title="Who may fire it">
        <div className="flex gap-3" role="group" aria-label="Roles">
          {ROLES.map((role) => (
            <label
              key={role}
              className="flex items-center gap-1.5 text-sm text-slate-700 capitalize dark:text-slate-300"
            >
              <input
                type="checkbox"
                disabled={isReadOnly}
                checked={(roles ?? DEFAULT_FIRING_ROLES).includes(role)}
                onChange={(e) => {
                  const current: Role[] = [...(roles ?? DEFAULT_FIRING_ROLES)];
                  const next = e.target.checked ? [...current, role] : current.filter((r) => r !== role);
                  onChange({ roles: ROLES.filter((r) => next.includes(r)) });
                }}
              />
              {role}
            </label>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input
            type="checkbox"
            disabled={isReadOnly}
            checked={Boolean(data.requireReason)}
            onChange={(e) => onChange({ requireReason: e.target.checked || undefined })}
          />
          Require a reason
        </label>
      </Section>
      <Section title="Guard (JSON Schema on metadata)">
        <Row
          id="transition-guard"
          label="Schema"
          error={guardProblem}
          hint="Empty: no guard. The document's metadata must match it."
        >
          <textarea
            id="transition-guard"
            rows={8}
            spellCheck={false}
            disabled={isReadOnly}
            value={guardText}
            placeholder={'{\n  "required": ["invoiceNumber"]\n}'}
            aria-invalid={guardProblem ? true : undefined}
            className={`${smallInput} font-mono text-xs`}
            onChange={(e) => {
              const text = e.target.value;
              setGuardText(text);
              const problem = guardError(text);
              setGuardProblem(problem);
              if (!problem)
                onChange({
                  guard: text.trim() ? { jsonSchema: JSON.parse(text) as Record<string, unknown> } : undefined,
                });
            }}
          />
        </Row>
      </Section>
    </div>
  );
}
