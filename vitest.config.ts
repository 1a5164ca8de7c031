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
        },
      },
    ],
  },
});
