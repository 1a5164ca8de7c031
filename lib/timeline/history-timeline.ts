/*
 * Pure helpers for a document's history timeline: how long each state was held, the path
 * the document took through the graph, and export to CSV. No I/O, no clock (now is passed).
 */

import type { HistoryEventView } from "../services/documents/get-history";

/** A history event as the API and the document page receive it. */
export type TimelineEvent = HistoryEventView;

const STATE_CHANGES = new Set(["CREATED", "TRANSITION", "FORCED_MOVE", "MANUAL_RETRY", "MIGRATED"]);

/** Whether an event put the document into a (possibly the same) state. Pure. */
export function isStateChange(event: TimelineEvent): boolean {
  return STATE_CHANGES.has(event.type) && event.to !== null;
}

/**
 * For each state-changing event (by seq), the milliseconds the document then spent in the
 * state it entered: until the next state change, or until `now` for the current state. Pure.
 */
export function timeInStateBySeq(events: readonly TimelineEvent[], now: Date): Map<number, number> {
  const changes = [...events].filter(isStateChange).sort((a, b) => a.seq - b.seq);
  const result = new Map<number, number>();
  changes.forEach((event, i) => {
    const end = changes[i + 1] ? Date.parse(changes[i + 1]!.at) : now.getTime();
    result.set(event.seq, Math.max(0, end - Date.parse(event.at)));
  });
  return result;
}

/** The states visited and the edges (from→to) taken, in order, for highlighting a graph. Pure. */
export function historyPath(events: readonly TimelineEvent[]): { states: string[]; edges: Array<[string, string]> } {
  const states: string[] = [];
  const edges: Array<[string, string]> = [];
  for (const event of [...events].filter(isStateChange).sort((a, b) => a.seq - b.seq)) {
    if (!states.includes(event.to!)) states.push(event.to!);
    if (event.from && event.from !== event.to) edges.push([event.from, event.to!]);
  }
  return { states, edges };
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Quote anything with separators or quotes; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const HISTORY_CSV_COLUMNS = [
  "seq",
  "at",
  "type",
  "from",
  "to",
  "transition",
  "actorType",
  "actorName",
  "reason",
  "documentVersion",
  "details",
] as const;

/** The events as RFC 4180 CSV with a header row (CRLF line ends). Pure. */
export function historyToCsv(events: readonly TimelineEvent[]): string {
  const rows = events.map((e) =>
    [
      e.seq,
      e.at,
      e.type,
      e.from,
      e.to,
      e.transition,
      e.actor.type,
      e.actor.name,
      e.reason,
      e.documentVersion,
      e.details,
    ]
      .map(csvCell)
      .join(","),
  );
  return [HISTORY_CSV_COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}

/**
 * The transition the worker could not fire after this attempt (its onSuccess or onFailure,
 * refused by a guard or a changed graph), as the worker notes it on the attempt's event;
 * null for every other event. Pure.
 */
export function refusedTransitionOf(event: TimelineEvent): { transition: string; message: string } | null {
  const details = event.details as { refusedTransition?: { transition?: unknown; message?: unknown } } | null;
  const refused = details?.refusedTransition;
  if (!refused || typeof refused.transition !== "string") return null;
  return { transition: refused.transition, message: typeof refused.message === "string" ? refused.message : "" };
}
