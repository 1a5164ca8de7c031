import { expect, test } from "../fixtures";
import { largeDefinition } from "../../lib/designer/large-definition";
import { createWorkflowInUi, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

/*
 * Scale check of the designer on a 500-state / 1,000-transition definition: time to first
 * paint and fit-to-view, frame times while a node is dragged with real mouse events, and
 * which state cards re-render during the drag. The suite runs a cheap version; set
 * DESIGNER_PERF_FULL=1 for more drag steps and repeated loads (numbers printed as JSON):
 *   DESIGNER_PERF_FULL=1 npx playwright test e2e/designer/perf.spec.ts
 */
const isFull = process.env.DESIGNER_PERF_FULL === "1";

test("a 500-state definition opens and fits fast, and dragging one node re-renders only it", async ({ page, createUser, signIn }) => {
  test.setTimeout(isFull ? 240_000 : 120_000);
  const admin = await createUser("ADMIN");
  await signIn(page, admin);
  const { name } = uniqueWorkflowName("Scale");
  await createWorkflowInUi(page, name);
  const def = largeDefinition(500);
  await page.getByTestId("import-file").setInputFiles({ name: "large.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(def)) });
  await expect(page.getByTestId("designer-notice")).toContainText("500 states");
  await expectSaved(page, 60_000); // a 500-state draft is validated and written in one save

  await page.addInitScript(() => { (window as unknown as { __designerRenders: Record<string, number> }).__designerRenders = {}; });
  const loads: { fitMs: number; domContentLoadedMs: number }[] = [];
  for (let i = 0; i < (isFull ? 5 : 1); i++) {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName("designer-fit").length > 0, null, { timeout: 15_000 });
    loads.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { fitMs: Math.round(performance.getEntriesByName("designer-fit")[0]!.startTime), domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd) };
    }));
  }
  await expect(page.locator(".react-flow__node")).toHaveCount(500);

  // Zoom in on the first state so it is big enough to grab, then drag it while sampling frames.
  const node = stateNode(page, "s0");
  await page.evaluate(() => { (window as unknown as { __designerRenders: Record<string, number> }).__designerRenders = {}; });
  const box = (await node.boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__frames = [];
    w.__sampling = true;
    let last = performance.now();
    const tick = (now: number) => { w.__frames.push(now - last); last = now; if (w.__sampling) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const steps = isFull ? 120 : 40;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(box.x + box.width / 2 + i * 3, box.y + box.height / 2 + i * 2);
  }
  const renders = await page.evaluate(() => ({ ...(window as unknown as { __designerRenders: Record<string, number> }).__designerRenders }));
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const result = {
    loads,
    drag: { frames: frames.length, p50: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10, p95: Math.round(p95 * 10) / 10, max: Math.round((sorted.at(-1) ?? 0) * 10) / 10 },
    renderedDuringDrag: Object.keys(renders),
  };
  console.log(`designer perf ${JSON.stringify(result)}`);
  test.info().annotations.push({ type: "perf", description: JSON.stringify(result) });

  // Behaviour, not timing: dragging one node re-renders only that node. Timings are printed
  // above and judged by the full run (DESIGNER_PERF_FULL=1), never by the suite.
  expect(Object.keys(renders)).toEqual(["s0"]);
  if (isFull) expect(Math.min(...loads.map((l) => l.fitMs))).toBeLessThan(1000);
});
