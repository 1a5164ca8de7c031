import { actionSettlementRoute } from "./action-settlement-route";

/** Completes the document's automated action (waiting, retrying, exhausted or cancelled actions). Fires onSuccess; output is merged into the metadata in the same statement. */
export const POST = actionSettlementRoute("complete");
