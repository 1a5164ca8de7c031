import type { BadgeTone } from "../ui/badge";

export type DisplayStateKind = "initial" | "normal" | "error" | "terminal" | "unknown";

/** One colour per state kind, used by badges, dots and bars everywhere. */
export const KIND_TONE: Record<DisplayStateKind, BadgeTone> = {
  initial: "sky",
  normal: "indigo",
  error: "red",
  terminal: "neutral",
  unknown: "amber",
};

export const KIND_BAR: Record<DisplayStateKind, string> = {
  initial: "bg-sky-400 dark:bg-sky-500",
  normal: "bg-indigo-500 dark:bg-indigo-400",
  error: "bg-red-500",
  terminal: "bg-slate-300 dark:bg-slate-600",
  unknown: "bg-amber-400",
};
