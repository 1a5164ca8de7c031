import type { WorkflowDefinition } from "../engine";

/*
 * Mermaid stateDiagram-v2 text of a definition. Each state's Mermaid id is its key with an
 * `s_` prefix: keys are [a-z][a-z0-9_]*, but several are Mermaid keywords ("state", "note",
 * "class", "default", "click", "style") that its parser refuses as ids. Labels (the key when
 * there is none) are quoted through `state "…" as s_key`. The initial state gets [*] --> it,
 * terminal states get it --> [*]. A global transition is drawn from every non-terminal
 * state, which is what `from: ["*"]` means.
 */

/** Pure: the Mermaid id of a state key. */
export function mermaidId(key: string): string {
  return `s_${key}`;
}

/** Pure: makes free text safe inside a Mermaid label (no quotes, colons or line breaks). */
export function mermaidText(text: string): string {
  return text
    .replace(/["\n\r:;#]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Pure: the definition as Mermaid stateDiagram-v2 source. */
export function toMermaid(def: WorkflowDefinition): string {
  const lines = ["stateDiagram-v2"];
  const keys = new Set(def.states.map((s) => s.key));
  for (const s of def.states) {
    const label = mermaidText(s.label ?? s.key);
    lines.push(`    state "${label || s.key}" as ${mermaidId(s.key)}`);
  }
  for (const s of def.states) if (s.kind === "initial") lines.push(`    [*] --> ${mermaidId(s.key)}`);
  const nonTerminal = def.states.filter((s) => s.kind !== "terminal").map((s) => s.key);
  for (const t of def.transitions) {
    if (!keys.has(t.to)) continue;
    const sources = t.from.flatMap((f) => (f === "*" ? nonTerminal : keys.has(f) ? [f] : []));
    const label = mermaidText(t.label ?? t.key) || t.key;
    for (const from of [...new Set(sources)]) lines.push(`    ${mermaidId(from)} --> ${mermaidId(t.to)} : ${label}`);
  }
  for (const s of def.states) if (s.kind === "terminal") lines.push(`    ${mermaidId(s.key)} --> [*]`);
  const errors = def.states.filter((s) => s.kind === "error").map((s) => mermaidId(s.key));
  if (errors.length) {
    lines.push("    classDef error fill:#fee2e2,stroke:#dc2626,color:#7f1d1d");
    lines.push(`    class ${errors.join(",")} error`);
  }
  return `${lines.join("\n")}\n`;
}
