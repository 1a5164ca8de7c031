// npm run typegen -- --workflow invoice-processing [--version N] [--out file.ts] [--url …]
// Writes the TypeScript types of a published workflow version for the typed client.
import fs from "node:fs";
import { createDocStateClient, isDocStateError } from "../lib/client";
import { getEnv } from "../lib/config/env";
import { closeDb, getDb } from "../lib/db/client";
import { AppError } from "../lib/errors/app-error";
import { generateWorkflowTypes } from "../lib/services/workflows/generate-workflow-types";
import { parseTypegenArgs, TYPEGEN_USAGE, type TypegenArgs } from "./typegen/typegen-args";

async function fromServer(args: TypegenArgs & { url: string; token: string }) {
  const client = createDocStateClient({ baseUrl: args.url, token: args.token });
  const { data, response } = await client.api.GET("/api/v1/workflows/{key}/types.ts", {
    params: { path: { key: args.workflow }, query: { version: args.version } },
    parseAs: "text",
  });
  const warnings = Number(response.headers.get("x-docstate-typegen-warnings") ?? 0);
  return {
    source: data as string,
    version: Number(response.headers.get("x-docstate-workflow-version")),
    warnings: warnings ? [`${warnings} guard schema(s) typed as unknown: see the comments in the file`] : [],
  };
}

async function fromDatabase(args: TypegenArgs) {
  getEnv();
  try {
    return await generateWorkflowTypes(await getDb(), { key: args.workflow, version: args.version });
  } finally {
    await closeDb();
  }
}

let args: TypegenArgs;
try {
  args = parseTypegenArgs(process.argv.slice(2));
} catch (error) {
  console.error(`typegen: ${(error as Error).message}\n${TYPEGEN_USAGE}`);
  process.exit(2);
}
try {
  const types = args.url ? await fromServer({ ...args, url: args.url, token: args.token! }) : await fromDatabase(args);
  for (const warning of types.warnings) console.error(`typegen: warning: ${warning}`);
  if (args.out) {
    fs.writeFileSync(args.out, types.source);
    console.error(`typegen: wrote ${args.out} (${args.workflow} v${types.version})`);
  } else {
    process.stdout.write(types.source);
  }
} catch (error) {
  const known = error instanceof AppError || isDocStateError(error);
  console.error(`typegen: ${known ? (error as Error).message : `unexpected error: ${String(error)}`}`);
  process.exit(1);
}
