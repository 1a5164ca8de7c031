import type { TimelineEvent } from "./history-timeline";

/** Where an action's output went in the metadata, and when (the document page's "Fields from actions"). */
export interface ActionOutputSource {
  /** JSON Pointer the output was written at. */
  into: string;
  /** The state whose action produced it. */
  state: string;
  /** Top-level fields of the output (when it was an object). */
  fields: string[];
  at: string;
  seq: number;
  /** Handed in by a person completing the action, or by a called system's callback. */
  via: "answer" | "callback" | "hand";
}

/**
 * Pure: for each metadata path an action's output was written at (METADATA_UPDATED with
 * details.by = "action"), the latest write. A later person's edit of the metadata is not
 * subtracted: the list says where values came from, the metadata says what they are now.
 */
export function actionOutputSources(events: readonly TimelineEvent[]): ActionOutputSource[] {
  const latest = new Map<string, ActionOutputSource>();
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const d = event.details as Record<string, unknown> | null;
    if (event.type !== "METADATA_UPDATED" || d?.by !== "action" || typeof d.into !== "string") continue;
    latest.set(d.into, {
      into: d.into,
      state: typeof d.state === "string" ? d.state : "?",
      fields: Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === "string") : [],
      at: event.at,
      seq: event.seq,
      via: d.manual ? "hand" : d.callback ? "callback" : "answer",
    });
  }
  return [...latest.values()].sort((a, b) => a.into.localeCompare(b.into));
}
