import { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  DEFINITION_LIMITS,
  MAX_KEY_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_STATES,
  MAX_TRANSITIONS,
  PROBLEM_CODES,
  validateDefinitionJson,
  workflowDefinitionSchema,
} from "../../lib/engine";
import { inlineCode, readGuide } from "./guide-files";

const guide = readGuide("workflow-definition.md");

/** Every property name anywhere in the definition's JSON Schema. */
function definitionFields(): Set<string> {
  const fields = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) for (const name of Object.keys(properties)) fields.add(name);
    Object.values(node).forEach(walk);
  };
  walk(z.toJSONSchema(workflowDefinitionSchema, { io: "input", unrepresentable: "any" }));
  return fields;
}

/** The guide's table row of a field: `| \`name\` | … |`. */
function rowOf(field: string): string {
  const row = guide.split("\n").find((line) => line.startsWith(`| \`${field}\` `));
  if (!row) throw new Error(`no table row for ${field}`);
  return row;
}

const n = (value: number) => value.toLocaleString("en-US");

describe("docs/workflow-definition.md", () => {
  it("describes every field of the definition", () => {
    const fields = [...definitionFields()];
    expect(fields).toEqual(expect.arrayContaining(["states", "retryOn4xx", "leaseMs", "jsonSchema", "maxSeconds"]));
    const written = inlineCode(guide);
    expect(fields.filter((field) => !written.has(field))).toEqual([]);
  });

  it("quotes the limits the schema enforces", () => {
    for (const [field, limits] of Object.entries(DEFINITION_LIMITS)) {
      const row = rowOf(field);
      expect(row, field).toContain(`${n(limits.min)} … ${n(limits.max)}`);
      if ("default" in limits) expect(row, field).toContain(`default ${n(limits.default)}`);
    }
    expect(guide).toContain(`\`MAX_STATES\` = ${MAX_STATES}`);
    expect(guide).toContain(`\`MAX_TRANSITIONS\` = ${MAX_TRANSITIONS}`);
    expect(guide).toContain(`\`MAX_KEY_LENGTH\` = ${MAX_KEY_LENGTH}`);
    expect(guide).toContain(`\`MAX_LABEL_LENGTH\` = ${MAX_LABEL_LENGTH}`);
  });

  it("lists every validation code with its severity, and no other", () => {
    const rows = [...guide.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\| (error|warning|error \/ warning) +\|/gm)];
    expect(rows.map((m) => m[1]).sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it("has an example per code that produces exactly that code, with the documented severity", () => {
    const examples = [...guide.matchAll(/<!-- example: ([A-Z_]+) -->\s*```json\n([\s\S]*?)```/g)];
    expect(examples.map((m) => m[1]).sort()).toEqual([...PROBLEM_CODES].sort());
    const severities = Object.fromEntries(
      [...guide.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\| (error|warning|error \/ warning) +\|/gm)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    for (const [, code, json] of examples) {
      const { problems } = validateDefinitionJson(JSON.parse(json!));
      expect(new Set(problems.map((p) => p.code)), code).toEqual(new Set([code]));
      for (const p of problems) expect(severities[code!], code).toContain(p.severity);
    }
  });

  it("opens with a complete example that is valid", () => {
    const example = guide.match(/```json\n([\s\S]*?)```\s*<!-- valid-example -->/);
    expect(example).not.toBeNull();
    const result = validateDefinitionJson(JSON.parse(example![1]!));
    expect(result.problems).toEqual([]);
    expect(result.isValid).toBe(true);
  });
});
