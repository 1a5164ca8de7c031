// npm run db:seed — migrates, then loads the demo workflows and documents (idempotent).
import { exitOnStartupError } from "../lib/config/startup-error";
import { closeDb } from "../lib/db/client";
import { startApp } from "../lib/startup/start-app";

try {
  const { lines } = await startApp({ seed: true });
  console.log(lines.join("\n"));
  await closeDb();
} catch (error) {
  exitOnStartupError(error);
}
