/**
 * The security headers of every answer, decided in one place (applied by proxy.ts).
 * Pages get a Content-Security-Policy with a fresh nonce per request: Next.js reads the
 * policy from the request headers the proxy forwards and puts the nonce on its own inline
 * scripts, so no page needs 'unsafe-inline' for scripts. Styles keep 'unsafe-inline':
 * React Flow and the charts position elements with style attributes, which nonces cannot
 * cover, and a style cannot run code.
 */
/** The request header that carries the page's CSP nonce to server components (Next's documented pattern). */
export const NONCE_HEADER = "x-nonce";

export type AnswerKind = "page" | "api" | "framable-content";

export interface SecurityHeaderOptions {
  kind: AnswerKind;
  /** Base64 nonce for this request's scripts (pages only). */
  nonce?: string;
  isHttps: boolean;
  /** Strict-Transport-Security max-age in seconds; 0 sends none. */
  hstsMaxAgeSeconds: number;
  /** next dev needs eval for React's debugging helpers and hot reload. */
  isDevelopment: boolean;
}

/** Pure. The Content-Security-Policy of a page, with its nonce. */
export function pageContentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    // strict-dynamic: scripts loaded by a nonced script (Next's chunks) are trusted too.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${isDevelopment ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    // The PDF preview is an iframe of our own API.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// The one answer our own pages frame: the inline content preview (it sends its own sandbox CSP).
const FRAMABLE = /^\/api\/v1\/documents\/[^/]+\/content\/preview$/;

/** Pure. The kind of answer a path gets: the API's JSON, the framable content preview, or a page. */
export function answerKindOf(pathname: string): AnswerKind {
  if (!pathname.startsWith("/api/")) return "page";
  return FRAMABLE.test(pathname) ? "framable-content" : "api";
}

/** Pure. Every security header for one answer. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const isFramable = options.kind === "framable-content";
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "x-frame-options": isFramable ? "SAMEORIGIN" : "DENY",
    "cross-origin-opener-policy": "same-origin",
  };
  if (options.kind === "page") {
    headers["content-security-policy"] = pageContentSecurityPolicy(options.nonce ?? "", options.isDevelopment);
  } else if (options.kind === "api") {
    // JSON and problem+json are never documents to run or frame.
    headers["content-security-policy"] = "default-src 'none'; frame-ancestors 'none'";
  }
  // framable-content (the content preview) sets its own sandboxing policy.
  if (options.isHttps && options.hstsMaxAgeSeconds > 0) {
    headers["strict-transport-security"] = `max-age=${options.hstsMaxAgeSeconds}`;
  }
  return headers;
}

/**
 * Pure. Whether the browser reached us over HTTPS: always when DOCSTATE_PUBLIC_URL is an
 * https URL; otherwise the request's own scheme or, behind a TLS-terminating reverse proxy, its
 * X-Forwarded-Proto. (A forged X-Forwarded-Proto can only make answers stricter: HSTS and
 * Secure cookies.)
 */
export function isHttpsRequest(url: string, headers: Headers, publicUrl: string | undefined): boolean {
  if (publicUrl?.startsWith("https:") || url.startsWith("https:")) return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
