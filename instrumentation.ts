// Runs once when a Next.js server process starts (dev and `next start`): configuration,
// migrations, first admin, bootstrap token and demo data happen before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startAppOrExit } = await import("./lib/startup/start-app");
  await startAppOrExit();
}
