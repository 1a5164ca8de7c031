import pino from "pino";

/**
 * Structured JSON logs (one object per line) for API calls, action attempts and the worker.
 * LOG_LEVEL sets the level (default info; "silent" in tests that do not want output).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "docstate" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
