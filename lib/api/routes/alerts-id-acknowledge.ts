import { apiRoute, json } from "../api-route";
import { acknowledgeAlert } from "../../services/alerts/acknowledge-alert";
import { alertIdInput } from "../../contracts/alert-rules";

export const POST = apiRoute({ role: "operator", params: alertIdInput }, async ({ db, actor, params }) =>
  json(await acknowledgeAlert(db, actor, params)),
);
