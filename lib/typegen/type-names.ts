/** A TypeScript type name from a workflow or transition key: `invoice-processing` → `InvoiceProcessing`. Pure. */
export function pascalCase(key: string): string {
  const name = key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
  return /^[A-Za-z]/.test(name) ? name : `Workflow${name}`;
}

/** A string literal type for any key (quotes and backslashes escaped). Pure. */
export const literal = (value: string): string => JSON.stringify(value);

/** A union of string literal types, `never` when empty. Pure. */
export const literalUnion = (values: readonly string[]): string =>
  values.length ? values.map(literal).join(" | ") : "never";
