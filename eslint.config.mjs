import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  // Layering (ARCHITECTURE.md): the engine is pure; app and components never touch the database.
  // (Flat config: a later block's rule replaces an earlier one, so each block lists all its patterns.)
  {
    files: ["lib/engine/**"],
    rules: restrict([
      {
        group: [
          "**/db/**",
          "**/services/**",
          "**/auth/**",
          "**/api/**",
          "**/worker/**",
          "next",
          "next/*",
          "next-auth",
          "next-auth/*",
          "@prisma/*",
          "pg",
          "node:*",
          "server-only",
        ],
        message: "lib/engine is pure: no I/O, no database, no Next.",
      },
    ]),
  },
  {
    files: ["app/**", "components/**"],
    rules: restrict([
      {
        group: ["@prisma/*", "**/lib/db/generated/**", "**/db/generated/**"],
        message: "Routes and components call lib/services, never Prisma.",
      },
    ]),
  },
  {
    files: ["components/**"],
    rules: restrict([
      {
        group: ["@prisma/*", "**/lib/db/generated/**", "**/db/generated/**"],
        message: "Routes and components call lib/services, never Prisma.",
      },
      { group: ["@/lib/db/*", "**/lib/db/*"], message: "Components never touch the database." },
      {
        group: ["@/app/*", "@/app/**", "**/app/*"],
        message: "Components get server actions as props from their page (app/); they never import from app/.",
      },
    ]),
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
  {
    files: ["lib/services/**", "lib/worker/**", "lib/db/**"],
    rules: restrict([
      {
        group: ["next", "next/*", "next-auth", "next-auth/*", "server-only"],
        message: "Services, worker and engine run outside Next.js (worker, scripts).",
      },
    ]),
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
