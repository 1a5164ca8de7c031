import { expect, type Page } from "@playwright/test";
import { largeDefinition } from "../../lib/designer/large-definition";
import { createWorkflowInUi, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

/*
 * Measuring the designer the way a person uses it: real mouse events through Chromium's
 * input pipeline, frame times from requestAnimationFrame. Shared by the perf spec and
 * `npm run bench` (which runs that spec in full).
 */

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Frames that took longer than one 60 Hz vsync (16.7 ms, plus 1 ms of timer jitter). */
  late: number;
  latePercent: number;
}

/** Creates a workflow through the UI and imports a synthetic definition of `states` states. */
export async function openLargeWorkflow(page: Page, states: number) {
  const { name } = uniqueWorkflowName(`Scale${states}`);
  await createWorkflowInUi(page, name);
  const def = largeDefinition(states);
  await page
    .getByTestId("import-file")
    .setInputFiles({ name: "large.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(def)) });
  await expect(page.getByTestId("designer-notice")).toContainText(`${states} states`);
  await expectSaved(page, 60_000); // the whole draft is validated and written in one save
  return def;
}

/** Reloads the designer and returns the time from navigation start to the fitted first paint. */
export async function reloadAndTimeFit(page: Page): Promise<number> {
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName("designer-fit").length > 0, null, { timeout: 15_000 });
  return page.evaluate(() => Math.round(performance.getEntriesByName("designer-fit")[0]!.startTime));
}

async function startSampling(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__frames = [];
    w.__sampling = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopSampling(page: Page): Promise<FrameStats> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 10) / 10;
  const late = frames.filter((f) => f > 17.7).length;
  return {
    frames: frames.length,
    p50: at(0.5),
    p95: at(0.95),
    max: at(1),
    late,
    latePercent: Math.round((1000 * late) / Math.max(1, frames.length)) / 10,
  };
}

/**
 * Drags state `key` out and back along a diagonal while sampling frames. `paced`: one move
 * per 16 ms, like a mouse on a 60 Hz screen, without waiting for the page (Chromium coalesces
 * them per frame); otherwise each move waits for the page to take the previous one.
 */
export async function dragAndSample(
  page: Page,
  key: string,
  steps: number,
  mode: "awaited" | "paced",
): Promise<FrameStats> {
  const box = (await stateNode(page, key).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const at = (i: number) => {
    const k = i <= steps / 2 ? i : steps - i;
    return { x: x + k * 3, y: y + k * 2 };
  };
  await startSampling(page);
  await page.mouse.move(x, y);
  await page.mouse.down();
  if (mode === "paced") {
    const cdp = await page.context().newCDPSession(page);
    const sent: Promise<unknown>[] = [];
    for (let i = 1; i <= steps; i++) {
      sent.push(cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", ...at(i), button: "left", buttons: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
    await Promise.all(sent);
    await cdp.detach();
  } else {
    for (let i = 1; i <= steps; i++) await page.mouse.move(at(i).x, at(i).y);
  }
  const stats = await stopSampling(page);
  await page.mouse.up();
  return stats;
}
