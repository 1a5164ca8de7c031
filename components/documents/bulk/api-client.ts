/** A failed API call as the UI shows it: the problem's detail, and field errors by path. */
export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly fieldErrors: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** JSON from /api/v1 with the session cookie; problem+json answers become ApiProblem. */
export async function apiJson<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init?.method ?? (init?.body === undefined ? "GET" : "POST"),
      headers: init?.body === undefined ? undefined : { "content-type": "application/json" },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiProblem("The server could not be reached. Check your connection and try again.", 0, undefined, []);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiProblem(
      body?.detail ?? body?.title ?? `The server answered ${response.status}.`,
      response.status,
      body?.code,
      body?.errors ?? [],
    );
  }
  return body as T;
}
