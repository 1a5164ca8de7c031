import os from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Two projects: pure unit tests (fast, parallel) and integration tests that each create
// their own PostgreSQL database (see test/helpers/test-database.ts) or PGlite instance.
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // How integrators import the client (examples/, docs/snippets/): the package name, not a path.
      "@docstate/client": `${root}lib/client/index.ts`,
      // Tests call route handlers and server-action wrappers directly, as Next's server does:
      // resolve the marker the way Next's server bundle does (its react-server export).
      "server-only": `${root}node_modules/server-only/empty.js`,
    },
  },
  test: {
    // Vitest's default is one worker fewer than the cores: one on the 2-core CI machine, where
    // the integration tests spend half their time waiting on PostgreSQL. Two workers there
    // took the suite from 833 to 446 s; three were no faster (458 s).
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          globalSetup: ["test/helpers/migrated-templates.ts"],
        },
      },
    ],
  },
});
