import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildOpenApiDocument } from "../../lib/api/openapi";

/* The OpenAPI document as the judge of every answer the API test suites get: the route,
   the status and the media type must be documented, and a JSON body must match the
   documented schema. The answers are real ones from route handlers on a real database. */

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type PathItem = Record<string, Operation>;

const document = buildOpenApiDocument() as { paths: Record<string, PathItem> };
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema(document, "openapi.json");
const validators = new Map<string, ValidateFunction>();

// The most literal template wins (/bulk-operations/preview before /bulk-operations/{id}).
const templates = Object.keys(document.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }))
  .sort((a, b) => a.params - b.params);

export function documentedPath(pathname: string): string | null {
  return templates.find((t) => t.pattern.test(pathname))?.template ?? null;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** Every checked answer as "METHOD template status", for coverage assertions. */
export const checkedAnswers = new Set<string>();

/**
 * Throws when the answer is not what the OpenAPI document promises for its route and
 * status. A path the document lacks may only answer the catch-all 404 problem.
 */
export function expectDocumentedAnswer(answer: {
  method: string;
  pathname: string;
  status: number;
  contentType: string | null;
  body: unknown;
}): void {
  const where = `${answer.method} ${answer.pathname} → ${answer.status}`;
  const template = documentedPath(answer.pathname);
  const mediaType = (answer.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!template) {
    const code = (answer.body as { code?: unknown } | null)?.code;
    if (answer.status === 404 && code === "NOT_FOUND" && mediaType === "application/problem+json") return;
    throw new Error(`${where}: the OpenAPI document has no path for it`);
  }
  const method = answer.method.toLowerCase();
  const operation = document.paths[template]?.[method];
  if (!operation) throw new Error(`${where}: the OpenAPI document has no ${method} operation on ${template}`);
  const status = String(answer.status);
  const response = operation.responses[status];
  if (!response) throw new Error(`${where}: status ${status} is not documented for ${method} ${template}`);
  const content = response.content ?? {};
  const key =
    [mediaType, `${mediaType.split("/")[0]!}/*`, "*/*"].find((candidate) => candidate in content) ??
    (Object.keys(content).length === 0 && !mediaType ? "" : undefined);
  if (key === undefined)
    throw new Error(`${where}: media type "${mediaType}" is not documented (${Object.keys(content).join(", ")})`);
  checkedAnswers.add(`${answer.method.toUpperCase()} ${template} ${status}`);
  if (!key || !/json$/.test(key) || !content[key]?.schema) return;
  const ref = `openapi.json#${pointer("", "paths", template, method, "responses", status, "content", key, "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  if (!validate(answer.body)) {
    const errors = ajv.errorsText(validate.errors, { separator: "\n  " });
    throw new Error(
      `${where}: the body does not match the documented schema:\n  ${errors}\n${JSON.stringify(answer.body).slice(0, 800)}`,
    );
  }
}
