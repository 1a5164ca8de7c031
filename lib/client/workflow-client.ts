import type { CreateDocumentInput, DocStateClient, Document, FireOptions } from "./create-client";
import type { DocumentAt, TransitionFrom, TypedDocument, WorkflowTypes } from "./typed-workflow";

/** The client's calls for one workflow, typed by its generated WorkflowTypes. */
export interface TypedWorkflowClient<W extends WorkflowTypes> {
  readonly key: W["key"];
  create(
    input: Omit<CreateDocumentInput, "workflow" | "metadata"> & { metadata?: W["metadata"] },
  ): Promise<{ document: TypedDocument<W>; created: boolean }>;
  get(id: string): Promise<TypedDocument<W>>;
  /**
   * Fires `transition` at the document's version. Compiles only when the transition leaves
   * every state the document is known to be in: narrow `document.state` first.
   */
  fire<S extends W["state"]>(
    document: DocumentAt<S>,
    transition: TransitionFrom<W, S>,
    options?: Omit<FireOptions, "expectedVersion">,
  ): Promise<TypedDocument<W>>;
}

const typed = <W extends WorkflowTypes>(document: Document) => document as unknown as TypedDocument<W>;

export function typedWorkflow<W extends WorkflowTypes>(client: DocStateClient, key: W["key"]): TypedWorkflowClient<W> {
  return {
    key,
    async create(input) {
      const { document, created } = await client.createDocument({ ...input, workflow: key });
      return { document: typed<W>(document), created };
    },
    async get(id) {
      return typed<W>(await client.getDocument(id));
    },
    async fire(document, transition, options = {}) {
      const result = await client.fire(document.id, transition, { ...options, expectedVersion: document.version });
      return typed<W>(result.document);
    },
  };
}
