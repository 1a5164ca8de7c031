// A text "flame graph" of a V8 .cpuprofile (node --cpu-prof): the functions with the most
// self time, the most inclusive time, and the hottest stacks (leaf last).
//   npx tsx scripts/bench/summarize-profile.ts <file.cpuprofile> [top=25]
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: summarize-profile <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample (µs): each sample's delta is the time until the next one.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function label(n: ProfileNode): string {
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  const short = url
    .replace(/.*\/node_modules\//, "~")
    .replace(/.*\/wt-[^/]+\//, "")
    .replace(/^node:/, "node:");
  const name = n.callFrame.functionName || "(anonymous)";
  return short ? `${name} ${short}:${n.callFrame.lineNumber + 1}` : name;
}

const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const stacks = new Map<string, number>();
for (const [id, us] of selfUs) {
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + us);
  const seen = new Set<string>();
  const frames: string[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    seen.add(l);
    frames.push(l);
  }
  // The hot stack: the 6 innermost frames (with a non-library frame when there is one).
  const stack = frames
    .filter((f) => f !== "(root)")
    .slice(0, 6)
    .reverse()
    .join(" > ");
  stacks.set(stack, (stacks.get(stack) ?? 0) + us);
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`total sampled ${(totalUs / 1e6).toFixed(2)} s`);
console.log(`\n-- self time --`);
for (const [l, us] of sorted(self)) console.log(`${pct(us)}  ${l}`);
console.log(`\n-- inclusive time --`);
for (const [l, us] of sorted(inclusive)) console.log(`${pct(us)}  ${l}`);
console.log(`\n-- hot stacks (self time, outer > inner) --`);
for (const [l, us] of sorted(stacks)) console.log(`${pct(us)}  ${l}`);
