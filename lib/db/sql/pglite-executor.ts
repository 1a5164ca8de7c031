import { parse, protocol, type PGlite } from "@electric-sql/pglite";
import type { SqlExecutor, SqlStatement } from "./sql-executor";
import { toSqlParameter } from "./sql-parameter";

const { serialize } = protocol;

/** A parameter in PGlite's text form, by the type the server inferred for it (as PGlite's query does). */
function serializeValue(pglite: PGlite, value: unknown, typeId: number | undefined): string | null {
  if (value === null || value === undefined) return null;
  const serializer = typeId === undefined ? undefined : pglite.serializers[typeId];
  return serializer ? (serializer(value) as string) : String(value);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const DUPLICATE_PREPARED_STATEMENT = "42P05";

/**
 * Statement name -> its parameter types, for each PGlite session. Kept on the global object
 * because a prepared statement belongs to the session, not to one copy of this module: Next
 * bundles route handlers, pages and start-up code separately, and each bundle would otherwise
 * keep its own registry over the one session and prepare the same name twice.
 */
const REGISTRY = Symbol.for("docstate.pglite.prepared-statements");
function preparedIn(pglite: PGlite): Map<string, number[]> {
  const global = globalThis as { [REGISTRY]?: WeakMap<PGlite, Map<string, number[]>> };
  const sessions = (global[REGISTRY] ??= new WeakMap());
  let names = sessions.get(pglite);
  if (!names) sessions.set(pglite, (names = new Map()));
  return names;
}

/**
 * PGlite queried directly, the same SQL as on PostgreSQL: Prisma's raw query costs more CPU
 * than PGlite's own work on the hot paths.
 *
 * Named statements are prepared once in PGlite's one session, as the pg pool prepares them
 * per connection: Parse and Describe once per name, then each call is one Bind, Describe,
 * Execute and Sync in a single pass through the WASM backend. PGlite's `query()` parses,
 * analyses and plans the text again on every call and enters the backend once per protocol
 * message (six times), which for the fire's large CTE costs more than executing it
 * (docs/benchmarks.md, "PGlite"). Unnamed (dynamic) statements still go through `query()`.
 *
 * Safe beside Prisma's interactive transactions: like `query()`, a call waits for PGlite's
 * transaction lock (the Prisma adapter holds it for a whole transaction) and then its query
 * lock, so it never runs inside someone else's transaction. Rows are parsed by PGlite's own
 * parsers, so they are exactly what `query()` answers.
 */
export function pgliteExecutor(pglite: PGlite): SqlExecutor {
  const prepared = preparedIn(pglite);

  async function prepare(name: string, text: string): Promise<number[]> {
    const known = prepared.get(name);
    if (known) return known;
    const describe = concat([serialize.describe({ type: "S", name }), serialize.sync()]);
    let messages;
    try {
      ({ messages } = await pglite.execProtocol(concat([serialize.parse({ name, text }), describe]), {
        syncToFs: false,
      }));
    } catch (error) {
      // Already prepared in this session without this registry knowing (a call that failed
      // after its Parse, another client of the session): a name stands for one text, so
      // describing the statement is enough. Failing here would fail every later call too.
      if ((error as { code?: string }).code !== DUPLICATE_PREPARED_STATEMENT) throw error;
      ({ messages } = await pglite.execProtocol(describe, { syncToFs: false }));
    }
    const types = parse.parseDescribeStatementResults(messages);
    prepared.set(name, types);
    return types;
  }

  async function runPrepared<Row>(name: string, text: string, values: readonly unknown[]): Promise<Row[]> {
    return pglite._runExclusiveTransaction(() =>
      pglite._runExclusiveQuery(async () => {
        const types = await prepare(name, text);
        const message = concat([
          serialize.bind({ statement: name, values: values.map((v, i) => serializeValue(pglite, v, types[i])) }),
          serialize.describe({ type: "P" }),
          serialize.execute({}),
          serialize.sync(),
        ]);
        // Written through to the data directory like query(): syncToFs only matters for
        // file systems that buffer in memory (it is a no-op for the node file system).
        const { messages } = await pglite.execProtocol(message);
        return (parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []) as Row[];
      }),
    );
  }

  return {
    async rows<Row>(statement: SqlStatement, values?: readonly unknown[]) {
      const parameters = (values ?? statement.values ?? []).map(toSqlParameter);
      if (statement.name) return runPrepared<Row>(statement.name, statement.text, parameters);
      const result = await pglite.query<Row>(statement.text, parameters);
      return result.rows;
    },
  };
}
