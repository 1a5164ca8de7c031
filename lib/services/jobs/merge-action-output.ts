import { applyActionOutput, type ActionOutputDef, type GuardFailure, type WrittenOutput } from "../../engine";
import { MAX_METADATA_BYTES } from "../../contracts/limits";
import { metadataBytes } from "../../contracts/metadata";

export type MergedOutput =
  | { ok: true; metadata: Record<string, unknown>; written: WrittenOutput }
  | { ok: false; message: string; failures?: GuardFailure[] };

/**
 * An action's output merged into a document's metadata (applyActionOutput: schema, then the
 * write at `into`), refused when the result would pass the metadata size limit. The one rule
 * for the worker (a webhook's answer), a callback's completion and an operator's completion.
 */
export function mergeActionOutput(metadata: unknown, output: ActionOutputDef, value: unknown): MergedOutput {
  const merged = applyActionOutput(metadata, output, value);
  if (!merged.ok) return merged;
  const bytes = metadataBytes(merged.metadata);
  if (bytes > MAX_METADATA_BYTES) {
    return {
      ok: false,
      message: `With the output at ${output.into} the metadata would be ${bytes} bytes; the limit is ${MAX_METADATA_BYTES}`,
    };
  }
  return merged;
}

/** The METADATA_UPDATED event an output writes: the action is its author (by, state, into, fields). */
export function outputEvent(state: string, written: WrittenOutput, extra: Record<string, unknown> = {}) {
  return {
    type: "METADATA_UPDATED" as const,
    details: { by: "action", state, into: written.into, fields: written.fields, ...extra },
  };
}
