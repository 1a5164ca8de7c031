// What one `npm run bench` measures: its sections and its profile, from the command line
// and the environment. Pure, so the choices are tested without running a benchmark.

export const BENCH_SECTIONS = [
  "fires",
  "reads",
  "worker",
  "output",
  "timers",
  "replay",
  "migration",
  "analytics",
  "http",
  "designer",
] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

/**
 * full: every target, absolute times included, at the sizes the issues state.
 * quick: a few minutes, short runs, and only the targets that are ratios against a baseline
 * measured in the same run (never absolute times, which a short run on a busy laptop cannot
 * hold to), so it can run before every performance change.
 */
export type BenchProfile = "full" | "quick";

export interface BenchOptions {
  sections: BenchSection[];
  profile: BenchProfile;
}

/** Sections a profile runs when `--only` does not choose: quick skips the absolute-time ones. */
const DEFAULT_SECTIONS: Record<BenchProfile, BenchSection[]> = {
  full: [...BENCH_SECTIONS],
  quick: ["fires", "worker", "output", "migration"],
};

export class BenchUsageError extends Error {}

/**
 * `--only <section>` (repeatable, or comma-separated) and BENCH_ONLY choose sections;
 * BENCH_PROFILE=quick (or `--quick`) the profile. Unknown sections or profiles are refused
 * with the list of valid ones.
 */
export function parseBenchOptions(argv: readonly string[], env: Record<string, string | undefined>): BenchOptions {
  const chosen: string[] = [];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") quick = true;
    else if (arg === "--only") {
      const value = argv[++i];
      if (!value) throw new BenchUsageError(`--only needs a section: ${BENCH_SECTIONS.join(", ")}`);
      chosen.push(...value.split(","));
    } else if (arg.startsWith("--only=")) chosen.push(...arg.slice("--only=".length).split(","));
    else throw new BenchUsageError(`unknown argument "${arg}"; use --only <${BENCH_SECTIONS.join("|")}> or --quick`);
  }
  if (chosen.length === 0 && env.BENCH_ONLY) chosen.push(...env.BENCH_ONLY.split(","));
  const profileName = quick ? "quick" : (env.BENCH_PROFILE ?? "full");
  if (profileName !== "full" && profileName !== "quick")
    throw new BenchUsageError(`BENCH_PROFILE must be "full" or "quick", not "${profileName}"`);
  const names = chosen.map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(BENCH_SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new BenchUsageError(
      `unknown section ${unknown.map((u) => `"${u}"`).join(", ")}; sections: ${BENCH_SECTIONS.join(", ")}`,
    );
  const sections = names.length > 0 ? BENCH_SECTIONS.filter((s) => names.includes(s)) : DEFAULT_SECTIONS[profileName];
  return { sections, profile: profileName };
}
