import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import boundaries from "eslint-plugin-boundaries";
import importX from "eslint-plugin-import-x";
import { FILES, LAYERS, POLICIES } from "./eslint.layers.mjs";

// The architecture rules enforced here are written, with their reasons, in
// docs/architecture.md ("Layers"); test/architecture/layer-boundaries.test.ts plants a
// violation of each and expects this config to refuse it. Change the three together.

/** External modules a group of layers may not import, as one no-restricted-imports rule. */
const forbidModules = (groups, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }],
});

const NEXT = ["next", "next/*", "next-auth", "next-auth/*", "server-only"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "lib/client/generated/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  // Who may import whom among our own modules, and no import cycles. Tests may import anything.
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: ["**/*.test.ts", "test/**", "e2e/**"],
    plugins: { boundaries, "import-x": importX },
    settings: {
      "boundaries/elements": LAYERS,
      "boundaries/files": FILES,
      "import-x/resolver-next": [createTypeScriptImportResolver()],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts"] },
    },
    rules: {
      "boundaries/dependencies": ["error", { default: "disallow", policies: POLICIES }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  // One import statement per module (type and value names together).
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { "import-x": importX },
    rules: { "import-x/no-duplicates": ["error", { "prefer-inline": true }] },
  },
  // Layers and the packages they may not use (flat config: one no-restricted-imports per file
  // set, so each block lists all of its groups).
  {
    files: ["lib/engine/**", "lib/contracts/**", "lib/typegen/**", "lib/designer/**", "lib/timeline/**"],
    rules: forbidModules(
      [...NEXT, "@prisma/*", "pg", "node:*", "@electric-sql/*"],
      "Pure layers (docs/architecture.md): no I/O, no database, no Next.",
    ),
  },
  {
    files: ["lib/client/**", "examples/**", "docs/snippets/**"],
    rules: forbidModules(
      [...NEXT, "@prisma/*", "pg", "@electric-sql/*"],
      "The client and the examples run in other systems: they reach DocState over HTTP only.",
    ),
  },
  {
    files: ["lib/services/**", "lib/worker/**", "lib/db/**", "lib/net/**", "lib/observability/**", "lib/startup/**"],
    rules: forbidModules(
      NEXT,
      "These layers also run in the worker and scripts, outside Next.js (docs/architecture.md).",
    ),
  },
  {
    files: ["app/**", "components/**"],
    rules: forbidModules(["@prisma/*", "pg"], "Pages and components call lib/services, never the database."),
  },
  // Every browser call to DocState goes through components/data/fetch-json.ts (one error type, codes not statuses).
  {
    files: ["components/**"],
    ignores: ["components/data/fetch-json.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Use fetchJson/fetchText from components/data/fetch-json.ts." },
      ],
    },
  },
  // One SQL layer: every statement lives in lib/db/sql and runs through its SqlExecutor; outside
  // lib/db, Prisma serves CRUD only. (scripts/bench keeps its hand-written baselines and fixtures.)
  {
    files: ["lib/**", "app/**", "components/**", "scripts/**"],
    ignores: ["lib/db/**", "scripts/bench/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"].map((property) => ({
          property,
          message: "SQL lives in lib/db/sql: add a statement module there and run it with executorFor(db).",
        })),
        ...["sql", "raw", "join", "empty"].map((property) => ({
          object: "Prisma",
          property,
          message: "Dynamic SQL is built in lib/db/sql (sql-template.ts).",
        })),
      ],
    },
  },
  // Last: formatting is Prettier's (npm run format); ESLint keeps no stylistic rules that could disagree.
  prettier,
];

export default config;
