import { actionSettlementRoute } from "./action-settlement-route";

/** Fails the document's automated action for good. Fires onFailure; the job stays EXHAUSTED for a later retry. */
export const POST = actionSettlementRoute("fail");
