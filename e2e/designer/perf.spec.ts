import { expect, test } from "../fixtures";
import { expectSaved, stateNode } from "./designer-helpers";
import { dragAndSample, openLargeWorkflow, reloadAndTimeFit, type FrameStats } from "./drag-frames";

/*
 * Scale of the designer on a 500-state / 998-transition definition. The suite checks
 * behaviour only: the graph opens zoomed out with every edge drawn by the far-zoom layer
 * (React Flow holds none), and dragging a card re-renders that card alone. Timings are
 * printed, never asserted here; DESIGNER_PERF_FULL=1 (what `npm run bench` runs) measures
 * more: five loads and two kinds of drag, each also on a 10-state graph as the baseline of
 * the same run, printed as one `designer perf {json}` line.
 */
const isFull = process.env.DESIGNER_PERF_FULL === "1";

// Playwright's trace recorder snapshots the whole DOM on every action (~160 ms at 500
// states), which would be measured as dropped frames.
test.use({ trace: "off" });

interface Measurement {
  states: number;
  transitions: number;
  fitMs: number[];
  awaited: FrameStats;
  paced: FrameStats | null;
  renderedDuringDrag: string[];
}

async function measure(page: import("@playwright/test").Page, states: number): Promise<Measurement> {
  const definition = await openLargeWorkflow(page, states);
  const fitMs: number[] = [];
  for (let i = 0; i < (isFull ? 5 : 1); i++) fitMs.push(await reloadAndTimeFit(page));
  await expect(page.locator(".react-flow__node")).toHaveCount(states);
  const before = await renderCounts(page);
  expect(before.size).toBe(states); // every card counts its renders
  const awaited = await dragAndSample(page, "s0", isFull ? 120 : 40, "awaited");
  const after = await renderCounts(page);
  const renders = [...after].filter(([key, count]) => before.get(key) !== count).map(([key]) => key);
  await expectSaved(page, 20_000);
  const paced = isFull ? await dragAndSample(page, "s0", 120, "paced") : null;
  if (paced) await expectSaved(page, 20_000);
  return { states, transitions: definition.transitions.length, fitMs, awaited, paced, renderedDuringDrag: renders };
}

/** Each state card's render count by key (its `data-renders`); a card mounted since counts as re-rendered. */
async function renderCounts(page: import("@playwright/test").Page): Promise<Map<string, string | null>> {
  const entries = await page
    .locator("[data-testid^='state-node-']")
    .evaluateAll((cards) =>
      cards.map((card) => [
        card.getAttribute("data-testid")!.slice("state-node-".length),
        card.getAttribute("data-renders"),
      ]),
    );
  return new Map(entries as [string, string | null][]);
}

const ratio = (a: number, b: number) => Math.round((100 * a) / Math.max(b, 1)) / 100;

test("a 500-state definition opens zoomed out with every edge drawn, and dragging one card re-renders only it", async ({
  page,
  createUser,
  signIn,
}) => {
  test.setTimeout(isFull ? 300_000 : 120_000);
  await signIn(page, await createUser("admin"));
  const baseline = isFull ? await measure(page, 10) : null;
  const large = await measure(page, 500);

  // Zoomed out, React Flow holds no edges; the far layer draws all of them.
  await expect(page.getByTestId("designer-canvas").locator("[data-zoom-detail]")).toHaveAttribute(
    "data-zoom-detail",
    "far",
  );
  await expect(page.getByTestId("far-edges")).toHaveAttribute("data-edge-count", String(large.transitions));
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
  await expect(stateNode(page, "s0")).toBeVisible();

  const minFit = Math.min(...large.fitMs);
  const result = {
    large,
    baseline,
    ratios: baseline && {
      fit: ratio(minFit, Math.min(...baseline.fitMs)),
      awaitedP95: ratio(large.awaited.p95, baseline.awaited.p95),
      pacedP95: large.paced && baseline.paced ? ratio(large.paced.p95, baseline.paced.p95) : null,
    },
  };
  console.log(`designer perf ${JSON.stringify(result)}`);
  test.info().annotations.push({ type: "perf", description: JSON.stringify(result) });
  expect(large.renderedDuringDrag).toEqual(["s0"]);
});
