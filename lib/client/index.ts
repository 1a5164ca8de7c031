/*
 * @docstate/client: the typed DocState API client. Only this folder and openapi-fetch are
 * needed to use it (no server code), so it can be copied or packed on its own.
 */
export {
  createDocStateClient,
  type ContentStored,
  type CreateDocumentInput,
  type DocStateClient,
  type DocStateClientOptions,
  type Document,
  type DocumentQuery,
  type FireOptions,
  type HistoryEvent,
  type StateChangeResult,
} from "./create-client";
export {
  CLIENT_ERROR_CODES,
  DocStateError,
  isDocStateError,
  type DocStateErrorKind,
  type DocStateFieldError,
  type DocStateProblem,
} from "./docstate-error";
export { paginate, type Page } from "./paginate";
export type { DocumentAt, TransitionFrom, TypedDocument, WorkflowTypes } from "./typed-workflow";
export type { TypedWorkflowClient } from "./workflow-client";
export { SIGNATURE_HEADER, verifyWebhook, type WebhookVerification } from "./verify-webhook";
export type { components, operations, paths } from "./generated/api-types";
