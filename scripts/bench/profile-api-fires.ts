// Fires through the standalone API host alone, on a throwaway database, with the host under
// node --cpu-prof: where a fire's CPU goes in the host (auth, body, zod, logging, wrapper).
//   npx tsx scripts/bench/profile-api-fires.ts            (PROFILE_SECONDS, PROFILE_CLIENTS,
//                                                          PROFILE_PORT, PROFILE_DIR, PROFILE_OFF=1)
// Prints fires/s and ms of host CPU per fire; summarise the profile it names with
// `npx tsx scripts/bench/summarize-profile.ts <file.cpuprofile>`.
import fs from "node:fs";
import os from "node:os";
import { openDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createApiToken } from "../../lib/services/tokens/create-api-token";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { benchServerUrl, createBenchDatabase } from "./bench-database";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { BENCH_ACTOR, createClientDocuments } from "./engine-fires";
import { fireRequests } from "./http-bench";
import { startHost } from "./http-hosts";
import { runHttpLoad } from "./http-load";

const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const clients = Number(process.env.PROFILE_CLIENTS ?? 8);
const port = Number(process.env.PROFILE_PORT ?? 3116);
const dir = process.env.PROFILE_DIR ?? fs.mkdtempSync(`${os.tmpdir()}/docstate-api-prof-`);

const database = await createBenchDatabase(benchServerUrl());
const db = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: 2 });
try {
  await db.withConnection((conn) => migrate(conn));
  await createWorkflow(db, BENCH_ACTOR, { key: "cycle", name: "cycle", definition: CYCLE_WORKFLOW });
  await publishWorkflow(db, BENCH_ACTOR, { key: "cycle" });
  const tokens = await Promise.all(
    Array.from(
      { length: clients },
      async (_, i) => (await createApiToken(db, BENCH_ACTOR, { name: `p${i}`, role: "operator" })).token,
    ),
  );
  const owned = await createClientDocuments(db, "cycle", clients, 200);
  const ids = owned.flatMap((o) => o.ids);
  const states = new Map(owned.flatMap((o) => o.ids.map((id, i) => [id, o.states[i]!] as const)));
  if (process.env.PROFILE_OFF !== "1") process.env.BENCH_HOST_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`;
  const host = await startHost("standalone", { databaseUrl: database.url, port });
  try {
    let t = 0;
    const load = async (s: number) => {
      const rows = await db.prisma.document.findMany({ where: { id: { in: ids } }, select: { id: true, state: true } });
      for (const row of rows) states.set(row.id, row.state);
      const requests = fireRequests(ids, states);
      const cpuBefore = host.cpuSeconds() ?? 0;
      const result = await runHttpLoad({
        url: `${host.url}/`,
        connections: clients,
        seconds: s,
        method: "POST",
        headers: { "content-type": "application/json" },
        next: () => ({ ...requests.next(), headers: { authorization: `Bearer ${tokens[t++ % tokens.length]}` } }),
        onAnswer: requests.onAnswer,
      });
      const answered = Object.values(result.statuses).reduce((a, b) => a + b, 0);
      return { result, cpuMs: (((host.cpuSeconds() ?? 0) - cpuBefore) * 1000) / Math.max(1, answered) };
    };
    await load(2); // JIT, pools, prepared statements, the token cache
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { result, cpuMs } = await load(seconds);
    console.log(
      `standalone host: ${result.perSecond.toFixed(0)} fires/s, p99 ${result.p99Ms} ms, ${result.errors} errors, ` +
        `${cpuMs.toFixed(3)} ms host CPU per fire (load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")})`,
    );
  } finally {
    await host.stop();
  }
  if (process.env.PROFILE_OFF !== "1") console.log(`profile: ${dir}/${fs.readdirSync(dir).join(", ")}`);
} finally {
  await db.close();
  await database.drop();
}
