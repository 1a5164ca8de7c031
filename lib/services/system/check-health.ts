import { ping } from "../../db/sql/ping";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export interface Health {
  status: "ok" | "error";
  db: { kind: "postgres" | "pglite"; status: "ok" | "error"; latencyMs: number; error?: string };
}

/** Round-trips the database once; never throws. */
export async function checkHealth(db: ServiceDb): Promise<Health> {
  const started = performance.now();
  try {
    await ping(executorFor(db));
    return { status: "ok", db: { kind: db.kind, status: "ok", latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      status: "error",
      db: { kind: db.kind, status: "error", latencyMs: Math.round(performance.now() - started), error: message },
    };
  }
}
