import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../lib/api/openapi";

// Route files the OpenAPI document does not describe, and why.
const NOT_IN_DOCUMENT: Record<string, string> = {
  "/api/auth/{nextauth}": "next-auth's sign-in endpoints, for the browser login form only",
  "/api/demo/{action}": "the embedded demo's own webhook receiver (on only with the demo), not an API for integrators",
  "/api/v1/{path}": "the catch-all that answers every unknown /api/v1 path with a NOT_FOUND problem",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** Every app/api/**\/route.ts as "METHOD /path/{param}", read from the methods it exports. */
export function routeOperations(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const urlPath = `/${path.relative(appDir, dir).split(path.sep).join("/")}`
          .replace(/\[\.\.\.([^\]]+)\]/g, "{$1}")
          .replace(/\[([^\]]+)\]/g, "{$1}");
        for (const method of METHODS) {
          const exported =
            new RegExp(`export (const|async function|function) ${method}\\b`).test(source) ||
            new RegExp(`export \\{[^}]*\\bas ${method}\\b[^}]*\\}`).test(source) ||
            // A route file that re-exports its operation from the route table (lib/api/route-table.ts).
            new RegExp(`export \\{[^}]*\\b${method}\\b[^}]*\\} from`).test(source);
          if (exported) found.push(`${method} ${urlPath}`);
        }
      }
    }
  };
  walk(path.join(appDir, "api"));
  return found.sort();
}

function documentedOperations(): string[] {
  const { paths } = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(paths)
    .flatMap(([template, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`))
    .sort();
}

describe("the OpenAPI document lists every route", () => {
  const appDir = path.resolve(__dirname, "../../app");

  it("reads route files and their exported methods (a planted route is found)", () => {
    const operations = routeOperations(appDir);
    expect(operations).toContain("POST /api/v1/documents/{id}/transitions");
    expect(operations).toContain("PATCH /api/v1/alert-rules/{id}");
    expect(operations).toContain("GET /api/health");
    const planted = path.join(appDir, "api", "v1", "zz-planted-by-test");
    fs.mkdirSync(planted, { recursive: true });
    try {
      fs.writeFileSync(path.join(planted, "route.ts"), "export async function DELETE() {}\n");
      expect(routeOperations(appDir)).toContain("DELETE /api/v1/zz-planted-by-test");
    } finally {
      fs.rmSync(planted, { recursive: true, force: true });
    }
  });

  it("has an operation for every exported method of every route file, and nothing else", () => {
    const routes = routeOperations(appDir).filter((op) => !(op.split(" ")[1]! in NOT_IN_DOCUMENT));
    expect(documentedOperations()).toEqual(routes);
  });
});
