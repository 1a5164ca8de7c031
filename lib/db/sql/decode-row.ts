/*
 * Row decoding at the boundary of lib/db/sql. The two executors hand rows over differently:
 * node-postgres parses timestamptz to Date, jsonb to values and int8 to strings; Prisma's raw
 * queries may give ISO strings for dates, JSON text for jsonb and BigInt for int8. Every
 * statement module maps its rows through these, so callers get one shape whatever ran it.
 * A value of the wrong kind is a bug in a statement, not bad input: it throws.
 */

/** A jsonb column as a JSON value (JSON text from a driver is parsed). */
export function json(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

/** A jsonb column holding an object (documents' metadata); SQL NULL reads as {}. */
export function jsonObject(value: unknown): Record<string, unknown> {
  const parsed = json(value);
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new TypeError("expected a JSON object column");
  return parsed as Record<string, unknown>;
}

/** A timestamptz column as a Date. */
export function date(value: unknown): Date {
  const decoded = value instanceof Date ? value : new Date(value as string);
  if (!(value instanceof Date || typeof value === "string") || Number.isNaN(decoded.getTime()))
    throw new TypeError(`expected a timestamp column, got ${String(value)}`);
  return decoded;
}

export function nullableDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}

/** An integer column (int4, or int8 such as count(*)) as a number. */
export function int(value: unknown): number {
  const decoded = typeof value === "number" ? value : Number(value as string | bigint);
  if (!Number.isSafeInteger(decoded)) throw new TypeError(`expected an integer column, got ${String(value)}`);
  return decoded;
}

export function nullableInt(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

/** A float8 or numeric column as a number. */
export function float(value: unknown): number {
  const decoded = typeof value === "number" ? value : Number(value as string);
  if (Number.isNaN(decoded)) throw new TypeError(`expected a number column, got ${String(value)}`);
  return decoded;
}

export function nullableFloat(value: unknown): number | null {
  return value === null || value === undefined ? null : float(value);
}

/** A text or enum column that must be one of `allowed` (a TypeScript union of the callers). */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value))
    throw new TypeError(`expected one of ${allowed.join(", ")}, got ${String(value)}`);
  return value as T;
}

/** Values of a generated Prisma enum object, for oneOf. */
export function enumValues<T extends string>(enumObject: Record<string, T>): readonly T[] {
  return Object.values(enumObject);
}
