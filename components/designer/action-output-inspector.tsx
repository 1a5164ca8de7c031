"use client";

import { useState } from "react";
import { DEFINITION_LIMITS, OUTPUT_POINTER_PATTERN, type WebhookAction } from "@/lib/engine";
import { jsonSchemaTextError } from "./json-schema-text";
import { CheckedInput, Row, smallInput, smallSelect } from "./inspector-fields";

const WAIT = DEFINITION_LIMITS.callbackTimeoutSeconds;

/** Pure: why a typed output path is not a JSON Pointer into the metadata; empty means "no output". */
export function outputPathError(text: string): string | null {
  if (text.trim() === "") return null;
  return OUTPUT_POINTER_PATTERN.test(text)
    ? null
    : 'Write a JSON Pointer into the metadata, like "/extracted" (non-empty segments; "~1" for "/").';
}

/** Pure: why typed text is not a JSON Schema object for the output; empty means "any JSON". */
export function outputSchemaError(text: string): string | null {
  return jsonSchemaTextError(
    text,
    'The output schema must be a JSON Schema object, e.g. {"required": ["invoiceNumber"]}.',
  );
}

/** Pure: why a typed callback wait is not a whole number of seconds in range; empty means the default. */
export function waitError(text: string): string | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= WAIT.min && n <= WAIT.max
    ? null
    : `Between ${WAIT.min} and ${WAIT.max.toLocaleString("en-US")} seconds (a year).`;
}

/**
 * The webhook fields that say what the action hands back and when it is done: the output
 * mapping (where the JSON answer goes in the metadata, and its schema) and the mode (sync,
 * or callback with its wait). Each field applies only when valid, like every inspector field.
 */
export function ActionOutputInspector({
  action,
  isReadOnly,
  onChange,
}: {
  action: WebhookAction;
  isReadOnly: boolean;
  onChange: (next: WebhookAction) => void;
}) {
  const apply = (patch: Partial<WebhookAction>) => {
    const next = { ...action, ...patch } as Record<string, unknown>;
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    onChange(next as WebhookAction);
  };
  const [schemaText, setSchemaText] = useState(
    action.output?.schema ? JSON.stringify(action.output.schema, null, 2) : "",
  );
  const [schemaProblem, setSchemaProblem] = useState<string | null>(null);
  const isCallback = action.mode === "callback";
  return (
    <>
      <Row
        id="state-mode"
        label="Completion"
        hint={
          isCallback
            ? "The 2xx answer only accepts the work; the state waits for the completion call with the token."
            : "The 2xx answer is the outcome."
        }
      >
        <select
          id="state-mode"
          className={smallSelect}
          disabled={isReadOnly}
          value={action.mode ?? "sync"}
          onChange={(e) =>
            apply(
              e.target.value === "callback"
                ? { mode: "callback" }
                : { mode: undefined, callbackTimeoutSeconds: undefined },
            )
          }
        >
          <option value="sync">Sync: the answer is the outcome</option>
          <option value="callback">Callback: wait for a later call</option>
        </select>
      </Row>
      {isCallback && (
        <CheckedInput
          id="state-callback-timeout"
          label="Wait for the callback (seconds)"
          mono
          value={action.callbackTimeoutSeconds === undefined ? "" : String(action.callbackTimeoutSeconds)}
          placeholder={String(WAIT.default)}
          isDisabled={isReadOnly}
          hint={`Empty: ${WAIT.default.toLocaleString("en-US")} (a day). Past it the attempt fails and is retried.`}
          validate={waitError}
          onApply={(text) => apply({ callbackTimeoutSeconds: text.trim() ? Number(text) : undefined })}
        />
      )}
      <CheckedInput
        id="state-output-into"
        label="Output into metadata at"
        mono
        value={action.output?.into ?? ""}
        placeholder="/extracted"
        isDisabled={isReadOnly}
        hint="Empty: the answer is not kept. Else the JSON answer is written there, with onSuccess."
        validate={outputPathError}
        onApply={(text) => apply({ output: text.trim() ? { ...(action.output ?? {}), into: text.trim() } : undefined })}
      />
      {action.output && (
        <Row
          id="state-output-schema"
          label="Output schema (JSON Schema)"
          error={schemaProblem}
          hint="Empty: any JSON. An answer that does not match fails the action for good."
        >
          <textarea
            id="state-output-schema"
            rows={6}
            spellCheck={false}
            disabled={isReadOnly}
            value={schemaText}
            placeholder={'{\n  "required": ["invoiceNumber"]\n}'}
            aria-invalid={schemaProblem ? true : undefined}
            className={`${smallInput} font-mono text-xs`}
            onChange={(e) => {
              const text = e.target.value;
              setSchemaText(text);
              const problem = outputSchemaError(text);
              setSchemaProblem(problem);
              if (!problem && action.output) {
                const into = action.output.into;
                apply({
                  output: text.trim() ? { into, schema: JSON.parse(text) as Record<string, unknown> } : { into },
                });
              }
            }}
          />
        </Row>
      )}
    </>
  );
}
