import { Prisma } from "../generated/client";

/*
 * The builder for dynamic SQL in lib/db/sql: sql-template-tag, as Prisma re-exports it.
 * `sql\`… ${value} …\`` turns every interpolated value into a `$n` parameter (never into SQL
 * text), nests fragments, and its `.text` / `.values` run through any SqlExecutor as an
 * unnamed statement. `raw` is for SQL text chosen from a closed set in code, never for input.
 */

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const raw = Prisma.raw;
export const empty = Prisma.empty;
