import fs from "node:fs";
import path from "node:path";

/*
 * A fetch that answers from the app's real route handlers (app/api/**\/route.ts), matched
 * the way Next's App Router matches them: static segments before [dynamic] ones before
 * [...catch-all]. Clients under test talk HTTP semantics (Request in, Response out) to the
 * same code `next start` serves, against the database the harness opened.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Route {
  file: string;
  segments: string[];
}

const appDir = path.resolve(__dirname, "../../app");

function findRoutes(dir: string, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // Route groups "(name)" do not appear in URLs.
      const next = /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name];
      routes.push(...findRoutes(path.join(dir, entry.name), next));
    } else if (entry.name === "route.ts") {
      routes.push({ file: path.join(dir, entry.name), segments });
    }
  }
  return routes;
}

const rank = (segment: string) => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

function match(route: Route, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if (segment.startsWith("[...")) {
      if (i >= parts.length) return null;
      params[segment.slice(4, -1)] = parts.slice(i);
      return params;
    }
    if (i >= parts.length) return null;
    if (segment.startsWith("[")) params[segment.slice(1, -1)] = decodeURIComponent(parts[i]!);
    else if (segment !== parts[i]) return null;
  }
  return route.segments.length === parts.length ? params : null;
}

/** Most specific first: compare segment by segment, static < dynamic < catch-all. */
function compareRoutes(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const ra = a.segments[i] === undefined ? -1 : rank(a.segments[i]!);
    const rb = b.segments[i] === undefined ? -1 : rank(b.segments[i]!);
    if (ra !== rb) return ra - rb;
  }
  return 0;
}

export function routeFetch(): typeof fetch {
  const routes = findRoutes(path.join(appDir, "api"), ["api"]).sort(compareRoutes);
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const parts = new URL(request.url).pathname.split("/").filter(Boolean);
    for (const route of routes) {
      const params = match(route, parts);
      if (!params) continue;
      const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, Handler | undefined>;
      const handler = routeModule[request.method];
      if (!handler) return new Response(null, { status: 405 });
      return handler(request, { params: Promise.resolve(params) });
    }
    return new Response("Not Found", { status: 404, headers: { "content-type": "text/html" } });
  };
}
