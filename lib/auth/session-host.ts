let enabled = true;

/**
 * Whether this process resolves cookie sessions (next-auth, which needs Next's request
 * scope). The app does; the standalone API host turns them off at start, so there a request
 * with a cookie and no bearer token is simply anonymous (401), never a crash.
 */
export function cookieSessionsEnabled(): boolean {
  return enabled;
}

/** Called once by the standalone API host before it serves. */
export function disableCookieSessions(): void {
  enabled = false;
}
