import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchJson, fetchText, problemToError } from "./fetch-json";

function answer(status: number, body: unknown, type = "application/json") {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(text, { status, headers: { "content-type": type } }));
}

afterEach(() => vi.unstubAllGlobals());

describe("fetchJson", () => {
  it("sends JSON and returns the parsed answer", async () => {
    const fetch = answer(201, { id: "d1" });
    vi.stubGlobal("fetch", fetch);
    await expect(fetchJson("/api/v1/documents", { body: { title: "A" } })).resolves.toEqual({ id: "d1" });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/v1/documents");
    expect(init.method).toBe("POST");
    expect(init.body).toBe('{"title":"A"}');
    expect((init.headers as Record<string, string>)["content-type"]).toBe("application/json");
  });

  it("turns a problem+json answer into an ApiError with the server's code, detail and field errors", async () => {
    const problem = {
      type: "https://docstate.dev/problems/stale-version",
      title: "Stale version",
      status: 409,
      detail: "The document changed since version 3.",
      code: "STALE_VERSION",
      errors: [{ path: "body.expectedVersion", message: "is stale" }],
    };
    vi.stubGlobal("fetch", answer(409, problem, "application/problem+json"));
    const error = await fetchJson("/api/v1/documents/x/transitions", { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "STALE_VERSION",
      message: "The document changed since version 3.",
      status: 409,
      fieldErrors: problem.errors,
    });
  });

  it("says NETWORK when nothing answered and BAD_RESPONSE when the answer is not JSON (a sign-in page)", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await expect(fetchJson("/api/v1/stats")).rejects.toMatchObject({ code: "NETWORK", status: 0 });
    vi.stubGlobal("fetch", answer(200, "<!doctype html><title>Sign in</title>", "text/html"));
    await expect(fetchJson("/workflows/x/activity")).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("lets a cancellation through as it is", async () => {
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new DOMException("aborted", "AbortError");
      }),
    );
    await expect(fetchJson("/api/v1/stats", { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});

describe("fetchText", () => {
  it("returns the body as text, and fails like fetchJson", async () => {
    vi.stubGlobal("fetch", answer(200, "plain words", "text/plain"));
    await expect(fetchText("/api/v1/documents/x/content/preview")).resolves.toBe("plain words");
    vi.stubGlobal("fetch", answer(404, { code: "DOCUMENT_NOT_FOUND", detail: "No such document." }));
    await expect(fetchText("/api/v1/documents/x/content/preview")).rejects.toMatchObject({
      code: "DOCUMENT_NOT_FOUND",
    });
  });
});

describe("problemToError", () => {
  it("falls back to a code by status and a plain message when the body is not a problem", () => {
    expect(problemToError(403, null)).toMatchObject({ code: "FORBIDDEN", message: "The server answered 403." });
    expect(problemToError(502, { code: "SOMETHING_NEW", title: "Bad gateway" })).toMatchObject({
      code: "INTERNAL",
      message: "Bad gateway",
    });
  });
});
