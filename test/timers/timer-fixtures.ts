import type { WorkflowDefinitionInput } from "../../lib/engine";

/** How long "waiting" lets a document wait before escalating it. */
export const WAIT_SECONDS = 60;
/** How long "escalated" waits before trying to close (guarded: needs `closable`). */
export const ESCALATED_SECONDS = 600;

/**
 * draft -> waiting (timer: escalate after a minute) -> escalated (timer: auto_close after ten
 * minutes, guarded) -> done; a person may answer in between (answered), and reopen it.
 */
export const TIMER_WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "waiting", kind: "normal", timeout: { afterSeconds: WAIT_SECONDS, transition: "escalate" } },
    { key: "answered", kind: "normal" },
    { key: "escalated", kind: "normal", timeout: { afterSeconds: ESCALATED_SECONDS, transition: "auto_close" } },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "waiting" },
    { key: "escalate", from: ["waiting"], to: "escalated", roles: ["admin"] },
    { key: "answer", from: ["waiting", "escalated"], to: "answered" },
    { key: "reopen", from: ["answered"], to: "waiting" },
    {
      key: "auto_close",
      from: ["escalated"],
      to: "done",
      roles: ["admin"],
      guard: { jsonSchema: { type: "object", required: ["closable"] } },
    },
    { key: "finish", from: ["answered"], to: "done" },
  ],
};
