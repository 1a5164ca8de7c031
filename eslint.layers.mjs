/*
 * DocState's layers as eslint-plugin-boundaries elements and policies. The rules in words,
 * with the reasons, are in docs/architecture.md ("Layers"); keep the two in step.
 * A policy lists what a layer may import; everything else is refused (imports inside one
 * layer are free). `type` entries may be imported for their types only (`import type`).
 */

/**
 * Single files with a role of their own inside a layer: the process-wide database handle
 * (lib/db/client.ts) is the one part of lib/db that pages and route handlers may touch, to
 * hand the database to services.
 */
export const FILES = [{ category: "db-handle", pattern: "lib/db/client.ts" }];

/** Each file belongs to the first layer whose pattern matches it. */
export const LAYERS = [
  { type: "engine-testing", pattern: "lib/engine/testing/**", partialMatch: false },
  { type: "engine", pattern: "lib/engine/**", partialMatch: false },
  { type: "contracts", pattern: "lib/contracts/**", partialMatch: false },
  // TypeScript emitted for a workflow definition (typegen): pure, like the engine it reads.
  { type: "typegen", pattern: "lib/typegen/**", partialMatch: false },
  { type: "errors", pattern: "lib/errors/**", partialMatch: false },
  { type: "config", pattern: "lib/config/**", partialMatch: false },
  { type: "net", pattern: "lib/net/**", partialMatch: false },
  { type: "observability", pattern: "lib/observability/**", partialMatch: false },
  { type: "db", pattern: "lib/db/**", partialMatch: false },
  { type: "services", pattern: "lib/services/**", partialMatch: false },
  { type: "worker", pattern: "lib/worker/**", partialMatch: false },
  { type: "auth", pattern: "lib/auth/**", partialMatch: false },
  { type: "api", pattern: "lib/api/**", partialMatch: false },
  { type: "startup", pattern: "lib/startup/**", partialMatch: false },
  { type: "ui-logic", pattern: "lib/{designer,timeline}/**", partialMatch: false },
  // The typed API client integrators use: self-contained, it talks to DocState over HTTP only.
  { type: "client", pattern: "lib/client/**", partialMatch: false },
  // Example integrations: other systems' code, so they see DocState only through the client.
  { type: "examples", pattern: "{examples,docs/snippets}/**", partialMatch: false },
  { type: "components", pattern: "components/**", partialMatch: false },
  { type: "app", pattern: "app/**", partialMatch: false },
  { type: "test-tools", pattern: "scripts/screenshots/**", partialMatch: false },
  { type: "scripts", pattern: "scripts/**", partialMatch: false },
  { type: "tests", pattern: "{test,e2e}/**", partialMatch: false },
];

const LIB_LAYERS = [
  "engine",
  "typegen",
  "contracts",
  "errors",
  "config",
  "net",
  "observability",
  "db",
  "services",
  "worker",
  "auth",
  "api",
  "startup",
  "ui-logic",
  "client",
];

/** Who may import whom: `value` at runtime, `type` for types only. */
const MAY_IMPORT = {
  engine: { value: [], type: [] },
  "engine-testing": { value: ["engine"], type: [] },
  contracts: { value: ["engine"], type: [] },
  typegen: { value: ["engine"], type: [] },
  errors: { value: [], type: [] },
  config: { value: [], type: [] },
  net: { value: [], type: [] },
  observability: { value: ["config", "db"], type: [] },
  db: { value: ["config", "errors"], type: ["engine", "contracts"] },
  services: { value: ["engine", "typegen", "contracts", "errors", "config", "net", "observability", "db"], type: [] },
  worker: {
    value: ["services", "engine", "contracts", "errors", "config", "net", "observability", "db"],
    type: [],
  },
  auth: { value: ["services", "engine", "errors", "config", "db"], type: [] },
  api: {
    value: ["auth", "services", "engine", "contracts", "errors", "config", "observability", "db"],
    type: [],
  },
  startup: {
    value: ["auth", "services", "worker", "engine", "errors", "config", "observability", "db"],
    type: [],
  },
  "ui-logic": { value: ["engine", "contracts", "errors"], type: ["services"] },
  client: { value: [], type: [] },
  examples: { value: ["client"], type: [] },
  components: { value: ["ui-logic", "engine", "contracts", "errors"], type: ["services", "api", "auth"] },
  app: {
    value: [
      "components",
      "ui-logic",
      "api",
      "auth",
      "services",
      "engine",
      "contracts",
      "errors",
      "config",
      "observability",
    ],
    type: [],
  },
  scripts: { value: LIB_LAYERS, type: [] },
  // Tools that drive the e2e harness (the screenshot scripts) reuse its server and fixtures.
  "test-tools": { value: [...LIB_LAYERS, "tests"], type: [] },
  tests: {
    value: [...LIB_LAYERS, "engine-testing", "app", "components", "scripts", "examples", "tests"],
    type: [],
  },
};

const element = (types) => ({ element: { types: { anyOf: types } } });

/** Layers that may use only the database handle of lib/db (FILES), not its statements. */
const MAY_USE_DB_HANDLE = ["app"];

export const POLICIES = [
  ...Object.entries(MAY_IMPORT).flatMap(([from, { value, type }]) => [
    { from: { element: { type: from } }, allow: { to: element([from, ...value]) } },
    ...(type.length
      ? [{ from: { element: { type: from } }, allow: { to: element(type), dependency: { kind: "type" } } }]
      : []),
  ]),
  ...MAY_USE_DB_HANDLE.map((from) => ({
    from: { element: { type: from } },
    allow: { to: { element: { type: "db" }, file: { categories: "db-handle" } } },
  })),
];
