/**
 * The database clock as a UTC `timestamp(3)`, matching how Prisma stores DateTime in
 * `timestamp without time zone` columns whatever the server's TimeZone setting is.
 */
export const UTC_NOW = `(now() AT TIME ZONE 'UTC')`;
