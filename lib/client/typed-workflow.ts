import type { components } from "./generated/api-types";

type ApiDocument = components["schemas"]["Document"];

/**
 * What `npm run typegen` emits for one published workflow version: its key, the union of
 * its states, per state the transitions that may leave it, and the metadata its guards read.
 */
export interface WorkflowTypes {
  key: string;
  version: number;
  state: string;
  transitionsFrom: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** A document of workflow W known to be in state S (by default: any of its states). */
export type TypedDocument<W extends WorkflowTypes, S extends W["state"] = W["state"]> = S extends W["state"]
  ? Omit<ApiDocument, "state" | "metadata" | "workflow"> & { workflow: W["key"]; state: S; metadata: W["metadata"] }
  : never;

/**
 * The transitions that leave EVERY state the document may be in. For a document narrowed to
 * one state these are that state's transitions; for a union of states only the common ones
 * (a transition that cannot leave one of them would fail at run time, so it does not compile).
 */
export type TransitionFrom<W extends WorkflowTypes, S extends W["state"]> = [S] extends [never]
  ? never
  : { [K in S]: (key: W["transitionsFrom"][K]) => void }[S] extends (key: infer T) => void
    ? T & string
    : never;

/** The least a typed fire needs of a document: its id, its version and its (narrowed) state. */
export interface DocumentAt<S extends string> {
  id: string;
  version: number;
  state: S;
}
