/** Node socket errors of a connection that cannot be made or was lost. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
]);
/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong request": connection exceptions
 * (class 08), the server shutting down or starting (57P01-57P03), too many connections.
 */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Prisma's codes for an unreachable server, a closed connection and a pool that timed out. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Prisma's driver-adapter kinds for the same (the pg error is not always kept as the cause). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection refused|Can't reach database server|Server has closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * Pure: whether a thrown value says the database is unreachable (refused, lost, timed out,
 * shutting down) rather than that something is wrong with the request. Looks through the
 * `cause` chain and Prisma's wrappers, whose shapes differ by where the error surfaced.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (typeof e.code === "string" && (SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code) || PRISMA_CODES.has(e.code)))
    return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta, depth + 1);
}
