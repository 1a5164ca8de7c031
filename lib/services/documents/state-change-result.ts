import type { DocumentView } from "./document-view";

/** What fire/move/retry answer: the history event they appended and the document after it. */
export interface StateChangeResult {
  event: { seq: number; type: string; from: string | null; to: string | null; transition: string | null; at: string };
  document: DocumentView;
  /** True when an idempotency key matched an earlier request: nothing new was written. */
  replayed: boolean;
}

export function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code)}` : "";
  return /23505|unique constraint|P2002|UniqueConstraintViolation/i.test(text);
}
