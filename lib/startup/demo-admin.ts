/**
 * The admin created on a fresh embedded (demo) database when DOCSTATE_ADMIN_EMAIL is not
 * set. Printed in the start-up banner and the README; change it in Settings or set the env.
 */
export const DEMO_ADMIN = { email: "admin@docstate.local", password: "docstate-admin" } as const;
