/**
 * Where to go after sign-in: `value` when it is a path on this site, else "/". The one place
 * that decides it (the login page and next-auth's redirect callback both ask), because an
 * open redirect after sign-in hands phishers a trusted link.
 *
 * Browsers read a URL more loosely than it looks: "/\example.org" and "/%5Cexample.org"
 * (a backslash counts as a slash), "//example.org", and tabs or newlines inside
 * ("/\t/example.org", which browsers strip) all leave the site. So the value must resolve,
 * against a placeholder origin, to that same origin, and its raw text may hold no
 * backslash, no control character and no encoded one of either. Pure.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(value) || /%(5c|0[0-9a-f]|1[0-9a-f]|7f)/i.test(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(decoded)) return fallback;
  const base = "http://docstate.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
