import createClient, { type Middleware } from "openapi-fetch";
import { DocStateError, isDocStateError } from "./docstate-error";
import type { components, operations, paths } from "./generated/api-types";
import { paginate } from "./paginate";
import { assertJsonAnswer, errorFromResponse, withNetworkErrors } from "./read-answer";
import { typedWorkflow, type TypedWorkflowClient } from "./workflow-client";
import type { WorkflowTypes } from "./typed-workflow";

export type Document = components["schemas"]["Document"];
export type HistoryEvent = components["schemas"]["HistoryList"]["items"][number];
export type StateChangeResult = components["schemas"]["StateChangeResult"];
export type CreateDocumentInput = components["schemas"]["CreateDocument"];
export type ContentStored = { version: number; size: number; sha256: string };
export type DocumentQuery = NonNullable<operations["listDocuments"]["parameters"]["query"]>;

export interface DocStateClientOptions {
  /** Where DocState runs, e.g. `https://docstate.example.com` (no /api suffix). */
  baseUrl: string;
  /** An API token (Settings → API tokens); its role decides what the calls may do. */
  token: string;
  /** A fetch implementation; the global fetch by default. */
  fetch?: typeof fetch;
}

export interface FireOptions {
  /** The version you read the document at: a 409 STALE_VERSION if it changed since. */
  expectedVersion?: number;
  /** Makes the fire safe to repeat; generated when omitted and reused for network retries. */
  idempotencyKey?: string;
  reason?: string;
}

/** Connection failures repeated with the same idempotency key before giving up. */
const NETWORK_RETRIES = 2;

// Every answer through openapi-fetch is JSON or a problem: anything else becomes a typed error.
const answersAsTypedErrors: Middleware = {
  async onResponse({ response, options }) {
    if (!response.ok) throw await errorFromResponse(response.clone());
    if (options.parseAs === "json") await assertJsonAnswer(response);
    return undefined;
  },
};

function required<T>(data: T | undefined): T {
  // openapi-fetch types data as optional for the error branch, which the middleware has thrown.
  if (data === undefined) throw new Error("DocState answered without a body where one was expected.");
  return data;
}

/**
 * A typed DocState API client: `api` is the raw openapi-fetch client over every documented
 * route; the methods are the helpers an integration needs (idempotent create, optimistic
 * fire, pagination). Every failure is thrown as a DocStateError.
 */
export function createDocStateClient(options: DocStateClientOptions) {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const authorization = `Bearer ${options.token}`;
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    fetch: withNetworkErrors(baseFetch),
    headers: { authorization },
  });
  api.use(answersAsTypedErrors);

  async function getDocument(id: string): Promise<Document> {
    const { data } = await api.GET("/api/v1/documents/{id}", { params: { path: { id } } });
    return required(data);
  }

  async function fire(id: string, transition: string, fireOptions: FireOptions = {}): Promise<StateChangeResult> {
    const idempotencyKey = fireOptions.idempotencyKey ?? crypto.randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        const { data } = await api.POST("/api/v1/documents/{id}/transitions", {
          params: { path: { id } },
          body: {
            transition,
            expectedVersion: fireOptions.expectedVersion,
            reason: fireOptions.reason,
            idempotencyKey,
          },
        });
        return required(data);
      } catch (error) {
        // Same key again: if the first request did arrive, DocState answers its first result.
        if (attempt < NETWORK_RETRIES && isDocStateError(error, "NETWORK_ERROR")) continue;
        throw error;
      }
    }
  }

  const client = {
    /** The underlying openapi-fetch client, typed from the OpenAPI document. */
    api,

    /**
     * Creates a document, or returns the existing one when `externalRef` was used before in
     * this workflow (`created: false`): safe to call again after a crash or a timeout.
     */
    async createDocument(input: CreateDocumentInput): Promise<{ document: Document; created: boolean }> {
      const { data, response } = await api.POST("/api/v1/documents", { body: input });
      return { document: required(data), created: response.status === 201 };
    },

    getDocument,

    /** The document's content as bytes, with its type and SHA-256. */
    async getContent(id: string): Promise<{ body: Uint8Array; contentType: string; sha256: string }> {
      const { data, response } = await api.GET("/api/v1/documents/{id}/content", {
        params: { path: { id } },
        parseAs: "arrayBuffer",
      });
      return {
        body: new Uint8Array(required(data as ArrayBuffer | undefined)),
        contentType: response.headers.get("content-type") ?? "application/octet-stream",
        sha256: response.headers.get("x-content-sha256") ?? "",
      };
    },

    /** Replaces the document's content (a PDF, an XML invoice …) with these bytes; the new version and SHA-256. */
    async putContent(
      id: string,
      body: Uint8Array | string,
      contentType: string,
      putOptions: { expectedVersion?: number } = {},
    ): Promise<ContentStored> {
      const { data } = await api.PUT("/api/v1/documents/{id}/content", {
        params: { path: { id }, query: { expectedVersion: putOptions.expectedVersion } },
        // The raw bytes are the body: no JSON serialisation.
        body: body as never,
        bodySerializer: (raw: unknown) => (typeof raw === "string" ? raw : new Blob([raw as Uint8Array<ArrayBuffer>])),
        headers: { "content-type": contentType },
      });
      return required(data) as ContentStored;
    },

    /** Fires a transition once (with `expectedVersion` when given); repeats only lost connections. */
    fire,

    /**
     * Reads the document and fires at the version read; when someone else moved it first
     * (409 STALE_VERSION or CONFLICT) reads again and retries, up to `attempts` times. A 422
     * (not allowed from the new state, guard failed) is thrown at once: re-reading cannot fix it.
     */
    async fireWithRetry(
      id: string,
      transition: string,
      retryOptions: { attempts?: number; reason?: string; idempotencyKey?: string } = {},
    ): Promise<StateChangeResult> {
      const attempts = retryOptions.attempts ?? 3;
      const baseKey = retryOptions.idempotencyKey ?? crypto.randomUUID();
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const document = await getDocument(id);
        try {
          return await fire(id, transition, {
            expectedVersion: document.version,
            reason: retryOptions.reason,
            // One key per version read: a refused attempt must not pin the later ones' answer.
            idempotencyKey: `${baseKey}@${document.version}`,
          });
        } catch (error) {
          if (!isDocStateError(error, "STALE_VERSION", "CONFLICT")) throw error;
          lastError = error;
        }
      }
      throw lastError;
    },

    /** Every document matching the filter, fetched page by page as you iterate. */
    documents(query: Omit<DocumentQuery, "cursor"> = {}): AsyncGenerator<Document> {
      return paginate(async (cursor) => {
        const { data } = await api.GET("/api/v1/documents", { params: { query: { ...query, cursor } } });
        return required(data);
      });
    },

    /** The document's history events, oldest first (or newest first with order "desc"). */
    async *history(id: string, historyOptions: { order?: "asc" | "desc" } = {}): AsyncGenerator<HistoryEvent> {
      const { data } = await api.GET("/api/v1/documents/{id}/history", {
        params: { path: { id }, query: { order: historyOptions.order } },
      });
      yield* required(data).items;
    },

    /** The typed view of one workflow, with the types `npm run typegen` generated for it. */
    workflow<W extends WorkflowTypes>(key: W["key"]): TypedWorkflowClient<W> {
      return typedWorkflow<W>(client, key);
    },
  };
  return client;
}

export type DocStateClient = ReturnType<typeof createDocStateClient>;
export { DocStateError };
