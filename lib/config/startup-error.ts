/**
 * A problem that stops DocState from starting (bad configuration, unreachable or locked
 * database). Entry points print only its message, one line, and exit non-zero.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

/** Prints a StartupError (or any error) as one line and exits; used by every entry point. */
export function exitOnStartupError(error: unknown): never {
  const message = error instanceof StartupError ? error.message : `unexpected error: ${describe(error)}`;
  console.error(`DocState cannot start: ${message}`);
  process.exit(1);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
