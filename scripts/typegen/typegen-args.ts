import { parseArgs } from "node:util";

export interface TypegenArgs {
  workflow: string;
  version?: number;
  out?: string;
  /** A running DocState to ask (GET /api/v1/workflows/:key/types.ts); the local database when absent. */
  url?: string;
  token?: string;
}

export const TYPEGEN_USAGE = `usage: npm run typegen -- --workflow <key> [--version <n>] [--out <file.ts>]
                        [--url <https://docstate…> (token in DOCSTATE_TOKEN)]
Without --url (or DOCSTATE_URL) the types come from the database in DATABASE_URL (or the embedded one).`;

/** The typegen command line, validated; throws an Error whose message is the usage problem. */
export function parseTypegenArgs(argv: string[], env: Record<string, string | undefined> = process.env): TypegenArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      workflow: { type: "string" },
      version: { type: "string" },
      out: { type: "string" },
      url: { type: "string" },
    },
    strict: true,
  });
  if (!values.workflow) throw new Error("--workflow <key> is required");
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
    throw new Error(`--version must be a positive integer, got "${values.version}"`);
  }
  const url = values.url ?? env.DOCSTATE_URL;
  if (url && !env.DOCSTATE_TOKEN) throw new Error("set DOCSTATE_TOKEN to an API token (viewer is enough) to use --url");
  return { workflow: values.workflow, version, out: values.out, url, token: url ? env.DOCSTATE_TOKEN : undefined };
}
