import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { type Actor, type Role } from "../engine";
import { requireRole } from "../auth/require-role";
import { getDb, type Db } from "../db/client";
import { AppError, isAppError } from "../errors/app-error";
import { enforceApiRateLimit, rateLimitKey } from "./api-rate-limit";
import { clientAddressFrom } from "../auth/client-address";
import { getEnv } from "../config/env";
import { zodFieldErrors } from "../errors/zod-field-errors";
import { findNulCharacters } from "../contracts/find-nul-characters";
import { problemResponse } from "./error-response";
import { readJsonBody } from "./read-json-body";
import { logger } from "../observability/logger";
import { getMetrics } from "../observability/metrics";

/**
 * Requests of every apiRoute in this process being handled right now (DOCSTATE_API_MAX_IN_FLIGHT).
 * On globalThis: Next bundles each route apart, each with its own copy of this module.
 */
const inFlight = ((globalThis as Record<symbol, unknown>)[Symbol.for("docstate.apiInFlight")] ??= { count: 0 }) as {
  count: number;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export interface ApiContext<P, Q, B> {
  actor: Actor;
  db: Db;
  params: P;
  query: Q;
  body: B;
  request: Request;
  requestId: string;
}

/**
 * The one shape of every /api/v1 route handler: request id, authentication and the minimum
 * role (bearer token, or same-origin session), zod-validated params, query and body, and
 * every failure as problem+json. Handlers stay one call to a service.
 */
export function apiRoute<
  PS extends z.ZodType = z.ZodUnknown,
  QS extends z.ZodType = z.ZodUnknown,
  BS extends z.ZodType = z.ZodUnknown,
>(
  options: {
    /**
     * The minimum role. Or, for a route a called system may use with a capability in its body
     * (a callback token), a function of the parsed body: null = no caller authentication (the
     * service checks the capability), still rate-limited per client address.
     */
    role: Role | ((body: z.infer<BS>) => Role | null);
    params?: PS;
    query?: QS;
    body?: BS;
    maxBodyBytes?: number;
  },
  handler: (context: ApiContext<z.infer<PS>, z.infer<QS>, z.infer<BS>>) => Promise<Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    const maxInFlight = getEnv().DOCSTATE_API_MAX_IN_FLIGHT;
    let response: Response;
    if (maxInFlight > 0 && inFlight.count >= maxInFlight) {
      // Shed at once rather than queue: past the limit a request would only wait for the
      // database pool, and every waiting request makes all of them slower.
      response = problemResponse(
        new AppError("OVERLOADED", "This server is at its limit of requests in flight; retry shortly.", {
          details: { retryAfterSeconds: 1 },
        }),
        { instance: new URL(request.url).pathname, requestId },
      );
    } else {
      inFlight.count += 1;
      try {
        response = await handle(request, context, requestId);
      } finally {
        inFlight.count -= 1;
      }
    }
    observe(request, response, requestId, started);
    return response;
  };

  async function handle(request: Request, context: RouteContext, requestId: string): Promise<Response> {
    try {
      const { role } = options;
      // A fixed role authenticates first, so an anonymous caller learns nothing from parse errors.
      let actor = typeof role === "function" ? null : await authenticateWithinRateLimit(role, request);
      const params = parse(options.params, await context.params, "path");
      const url = new URL(request.url);
      const query = parse(options.query, Object.fromEntries(url.searchParams), "query");
      const body = options.body
        ? parse(options.body, (await readJsonBody(request, options.maxBodyBytes)) ?? {}, "body")
        : undefined;
      if (typeof role === "function") {
        const required = role(body as z.infer<BS>);
        actor =
          required === null ? await capabilityCaller(request) : await authenticateWithinRateLimit(required, request);
      }
      const response = await handler({
        actor: actor!,
        db: await getDb(),
        params,
        query,
        body,
        request,
        requestId,
      } as ApiContext<z.infer<PS>, z.infer<QS>, z.infer<BS>>);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return problemResponse(error, { instance: new URL(request.url).pathname, requestId });
    }
  }
}

/**
 * The caller, counted against DOCSTATE_API_RATE_LIMIT: per token (or signed-in user), and per
 * client address for calls that fail authentication, so token guessing is limited too.
 */
async function authenticateWithinRateLimit(role: Role, request: Request): Promise<Actor> {
  const db = await getDb();
  let actor: Actor;
  try {
    actor = await requireRole(role, request);
  } catch (error) {
    if (isAppError(error) && error.code === "UNAUTHENTICATED") {
      await enforceApiRateLimit(db, rateLimitKey(null, clientAddress(request)));
    }
    throw error;
  }
  await enforceApiRateLimit(db, rateLimitKey(actor, clientAddress(request)));
  return actor;
}

/**
 * A caller that proves itself with a capability in the body (a callback token) rather than a
 * session or API token: rate-limited per address like any unauthenticated call.
 */
async function capabilityCaller(request: Request): Promise<Actor> {
  const address = clientAddress(request);
  await enforceApiRateLimit(await getDb(), rateLimitKey(null, address));
  return { type: "API", id: null, name: "callback", role: "viewer", address };
}

/** Records the request's duration and logs it with its request id. */
function observe(request: Request, response: Response, requestId: string, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  const route = routeLabel(new URL(request.url).pathname);
  getMetrics().httpDuration.observe({ method: request.method, route, status: String(response.status) }, seconds);
  logger.info(
    {
      event: "api.request",
      requestId,
      method: request.method,
      route,
      status: response.status,
      ms: Math.round(seconds * 1000),
    },
    "api request",
  );
}

/** A low-cardinality route label: ids and workflow keys replaced by placeholders. */
export function routeLabel(pathname: string): string {
  return pathname
    .replace(/\/documents\/[^/]+/, "/documents/:id")
    .replace(/\/workflows\/[^/]+/, "/workflows/:key")
    .replace(/\/(bulk-operations|alert-rules|alerts)\/[0-9a-f-]{36}/i, "/$1/:id")
    .slice(0, 100);
}

function parse<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  where: "path" | "query" | "body",
): z.infer<S> {
  const nulErrors = findNulCharacters(value, where);
  if (nulErrors.length > 0) {
    throw new AppError("VALIDATION_FAILED", `Invalid ${where}: ${nulErrors[0]!.path} ${nulErrors[0]!.message}`, {
      fieldErrors: nulErrors,
    });
  }
  if (!schema) return value as z.infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = zodFieldErrors(result.error).map((e) => ({
      ...e,
      path: `${where}${e.path === "(root)" ? "" : `.${e.path}`}`,
    }));
    throw new AppError(
      "VALIDATION_FAILED",
      `Invalid ${where}: ${errors
        .map((e) => `${e.path}: ${e.message}`)
        .slice(0, 3)
        .join("; ")}`,
      {
        fieldErrors: errors,
      },
    );
  }
  return result.data;
}

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/** JSON response helper with no-store caching (API data is live). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** The caller's address, decided as for sign-in throttling and the audit log (DOCSTATE_TRUST_PROXY). */
function clientAddress(request: Request): string {
  return clientAddressFrom(request.headers.get("x-forwarded-for"), getEnv().DOCSTATE_TRUST_PROXY);
}
