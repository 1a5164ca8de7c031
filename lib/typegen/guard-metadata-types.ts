import { compile } from "json-schema-to-typescript";
import type { WorkflowDefinition } from "../engine";

export interface GuardType {
  transition: string;
  typeName: string;
  /** The declarations (an interface or type alias named typeName, plus any it refers to). */
  source: string;
  /** Why the guard's schema could not be translated (the type is then `unknown`). */
  problem?: string;
}

/**
 * The TypeScript type of the metadata each guarded transition accepts, from its JSON
 * Schema. A schema json-schema-to-typescript cannot translate still yields a declaration,
 * `unknown`, with the reason in a comment, so one odd guard never blocks the rest. No I/O:
 * $refs outside the schema are not followed.
 */
export async function guardMetadataTypes(
  definition: WorkflowDefinition,
  typeNameOf: (transitionKey: string) => string,
): Promise<GuardType[]> {
  const seen = new Set<string>();
  const types: GuardType[] = [];
  for (const transition of definition.transitions) {
    if (!transition.guard || seen.has(transition.key)) continue;
    seen.add(transition.key);
    const typeName = typeNameOf(transition.key);
    try {
      // The type is named after the transition, not the schema's own title.
      const schema = sortKeys(transition.guard.jsonSchema) as Record<string, unknown>;
      delete schema.title;
      const source = await compile(schema, typeName, {
        bannerComment: "",
        format: false,
        unknownAny: true,
        additionalProperties: true,
        strictIndexSignatures: false,
        $refOptions: { resolve: { external: false, file: false, http: false } },
      });
      types.push({ transition: transition.key, typeName, source: indentBlocks(source.trim()) });
    } catch (error) {
      const problem = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 300);
      types.push({
        transition: transition.key,
        typeName,
        problem,
        source: `// The guard's JSON Schema could not be translated (${problem.replace(/\*\//g, "* /")}).\nexport type ${typeName} = unknown;`,
      });
    }
  }
  return types;
}

/** Indents the unformatted declarations json-schema-to-typescript emits (its formatter is prettier, kept out). */
function indentBlocks(source: string): string {
  let depth = 0;
  return source
    .split("\n")
    .map((raw) => {
      const line = raw.trim();
      if (/^[}\]]/.test(line)) depth = Math.max(0, depth - 1);
      const indented = line ? "  ".repeat(depth) + line : "";
      if (/[{[]$/.test(line)) depth++;
      return indented;
    })
    .join("\n");
}

/**
 * The schema with every object's keys sorted: PostgreSQL's jsonb does not keep key order, so
 * sorting makes the output the same whether the definition came from a file or the database.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
