/*
 * How long a browser session lives. A session ends after 8 hours without a request (idle),
 * and 24 hours after sign-in whatever happens (absolute). While the user works, the proxy
 * re-issues the session cookie at most every 10 minutes with a fresh 8-hour expiry (sliding
 * renewal, lib/auth/renew-session.ts). Sessions also end at once when the user's session
 * version moves: password change or reset, disabling, role change, "sign out everywhere".
 */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 24 * 60 * 60;
export const SESSION_RENEW_AFTER_SECONDS = 10 * 60;

/** Thrown by the jwt callback for a session that must end; next-auth then clears its cookie. */
export const SESSION_ENDED = "session ended";
