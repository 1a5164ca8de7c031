import { CLIENT_ERROR_CODES, DocStateError, type DocStateProblem } from "./docstate-error";

const isJson = (response: Response) =>
  /^application\/([\w.+-]*\+)?json\b/i.test(response.headers.get("content-type") ?? "");

function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function looksLikeProblem(value: unknown): value is DocStateProblem {
  const v = value as Partial<DocStateProblem> | null;
  return typeof v === "object" && v !== null && typeof v.code === "string" && typeof v.status === "number";
}

/**
 * The typed error for a non-2xx answer. Reads the body (a clone when the caller still needs
 * it); a problem+json body gives its code and field errors, anything else INVALID_RESPONSE.
 */
export async function errorFromResponse(response: Response): Promise<DocStateError> {
  const text = await response.text().catch(() => "");
  let parsed: unknown;
  if (isJson(response)) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (looksLikeProblem(parsed)) {
    return new DocStateError({
      kind: "problem",
      message: `${parsed.code}: ${parsed.detail ?? parsed.title}`,
      code: parsed.code,
      status: response.status,
      problem: parsed,
      retryAfterSeconds: retryAfterOf(response),
    });
  }
  const excerpt = text.replace(/\s+/g, " ").trim().slice(0, 200);
  return new DocStateError({
    kind: "invalid-response",
    message: `HTTP ${response.status} without a problem+json body${excerpt ? `: ${excerpt}` : ""}`,
    code: CLIENT_ERROR_CODES["invalid-response"],
    status: response.status,
    retryAfterSeconds: retryAfterOf(response),
  });
}

/** Refuses a 2xx answer that should carry JSON but does not (a proxy's HTML page, say). */
export async function assertJsonAnswer(response: Response): Promise<void> {
  if (response.status === 204 || isJson(response)) return;
  const excerpt = (
    await response
      .clone()
      .text()
      .catch(() => "")
  )
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  throw new DocStateError({
    kind: "invalid-response",
    message: `Expected JSON from DocState, got ${response.headers.get("content-type") ?? "no content type"} (HTTP ${response.status})${excerpt ? `: ${excerpt}` : ""}`,
    code: CLIENT_ERROR_CODES["invalid-response"],
    status: response.status,
  });
}

/** A fetch that turns "no answer at all" into a typed network error. */
export function withNetworkErrors(fetchImpl: typeof fetch): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await fetchImpl(request);
    } catch (error) {
      if (error instanceof DocStateError) throw error;
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new DocStateError({
        kind: "network",
        message: `Could not reach DocState at ${new URL(request.url).origin}: ${reason}`,
        code: CLIENT_ERROR_CODES.network,
        status: 0,
        cause: error,
      });
    }
  };
}
