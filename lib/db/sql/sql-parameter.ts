/**
 * A statement parameter as every executor sends it. Dates go out as ISO strings with their
 * `Z`: every time parameter is cast to timestamptz in SQL, so the instant never depends on a
 * session's TimeZone or on how a driver formats Dates (Prisma's adapters drop the offset).
 */
export const toSqlParameter = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
