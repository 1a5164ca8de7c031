// Serves the Prisma CLI (generate, and migrate status where the real schema engine exists).
// The app itself never reads this file: lib/db/client.ts builds the client with a driver adapter.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/docstate" },
});
