import { guardSchemaError } from "@/lib/engine";

/**
 * Pure: what is wrong with a JSON Schema typed into the inspector (guards, action output), or
 * null; empty text is no schema. `notAnObject` is the sentence for JSON that is not an object.
 */
export function jsonSchemaTextError(text: string, notAnObject: string): string | null {
  if (!text.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return notAnObject;
  const problem = guardSchemaError(value);
  return problem ? `Not a valid JSON Schema: ${problem}` : null;
}
