import { createDocStateClient } from "@docstate/client";

// DOCSTATE_URL: where DocState runs. DOCSTATE_TOKEN: an API token from Settings → API tokens
// (operator to create and fire; viewer to read).
export function connect() {
  return createDocStateClient({
    baseUrl: process.env.DOCSTATE_URL ?? "http://localhost:3000",
    token: process.env.DOCSTATE_TOKEN ?? "",
  });
}
