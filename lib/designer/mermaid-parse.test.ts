// @vitest-environment jsdom
import fc from "fast-check";
import mermaid from "mermaid";
import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition, type WorkflowDefinition } from "../engine";
import { toMermaid } from "./mermaid-export";

/*
 * The export must parse with the mermaid package itself (its parser sanitises labels with
 * DOMPurify, hence a DOM). State keys that are Mermaid keywords ("state", "note", "class",
 * "default"…) are exactly what "Add state" names a first state.
 */
async function parses(text: string): Promise<true> {
  await mermaid.parse(text);
  return true;
}

describe("Mermaid export parses with mermaid", () => {
  it("parses the demo invoice workflow", async () => {
    await expect(parses(toMermaid(exampleInvoiceDefinition))).resolves.toBe(true);
  });

  it("parses states keyed like Mermaid keywords, with labels full of punctuation", async () => {
    const keys = ["state", "note", "class", "classdef", "default", "click", "style", "end", "direction"];
    const def: WorkflowDefinition = {
      states: keys.map((key, i) => ({
        key,
        label: `${key}: "quoted" #${i}; done?`,
        kind: i === 0 ? "initial" : i === keys.length - 1 ? "terminal" : i === 1 ? "error" : "normal",
      })),
      transitions: keys.slice(0, -1).map((key, i) => ({
        key: `to_${keys[i + 1]}`,
        label: `Go -> ${keys[i + 1]}: now`,
        from: [key],
        to: keys[i + 1]!,
      })),
    };
    await expect(parses(toMermaid(def))).resolves.toBe(true);
  });

  it("parses any valid definition shape: random keys, self-loops and global transitions", async () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(key, { minLength: 2, maxLength: 8 }),
        fc.string({ maxLength: 30 }),
        async (keys, label) => {
          const def: WorkflowDefinition = {
            states: keys.map((k, i) => ({
              key: k,
              label: label || undefined,
              kind: i === 0 ? "initial" : i === keys.length - 1 ? "terminal" : "normal",
            })),
            transitions: [
              ...keys.slice(0, -1).map((k, i) => ({ key: `t${i}`, label, from: [k], to: keys[i + 1]! })),
              { key: "again", from: [keys[0]!], to: keys[0]! },
              { key: "anywhere", from: ["*"], to: keys.at(-1)! },
            ],
          };
          return parses(toMermaid(def));
        },
      ),
      { numRuns: 40 },
    );
  });
});
