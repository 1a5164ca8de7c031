import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { createWorkflowInUi, draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

async function exportAs(page: Page, item: string): Promise<Buffer> {
  await page.getByText("Export ▾").click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: item }).click();
  return readFile((await (await download).path())!);
}

test("an admin exports a workflow as JSON, SVG and PNG, and the JSON imports into another workflow unchanged", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const source = uniqueWorkflowName("Exported");
  await createWorkflowInUi(page, source.name, "Invoice processing");
  await expect(stateNode(page, "extract")).toBeVisible();

  // The image of the whole graph: its cards, labels and arrowheads (markers travel with it).
  const markup = (await exportAs(page, "Image (SVG)")).toString("utf8");
  expect(markup.startsWith("<svg")).toBe(true);
  for (const text of ["Extracting data", "Extraction failed", "Retry extraction", "Mark as paid"])
    expect(markup).toContain(text);
  expect(markup).toContain("designer-arrow-base");
  expect(markup).toMatch(/<marker[^>]+id="designer-arrow-base"/);
  // Edges and arrowheads carry their paint with them (stylesheets do not travel into the image).
  expect(markup).toMatch(/class="react-flow__edge-path"[^>]*style="[^"]*stroke: rgb\(/);
  expect(markup).not.toContain("fill: var(--xy-edge-stroke)");

  const pngBytes = await exportAs(page, "Image (PNG)");
  expect(pngBytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  expect(pngBytes.readUInt32BE(16)).toBeGreaterThanOrEqual(400); // width from the IHDR chunk

  const json = await exportAs(page, "Definition (JSON)");
  const exported = JSON.parse(json.toString("utf8"));
  await expect(page.getByTestId("designer-notice")).toHaveCount(0);

  // A second, blank workflow takes the file as it is.
  const target = uniqueWorkflowName("Imported");
  await createWorkflowInUi(page, target.name);
  await page
    .getByTestId("import-file")
    .setInputFiles({ name: `${source.key}.json`, mimeType: "application/json", buffer: json });
  await expect(page.getByTestId("designer-notice")).toContainText("8 states, 9 transitions");
  await expect(stateNode(page, "extraction_failed")).toBeVisible();
  await expectSaved(page);
  const [draft] = await draftDefinition(db, target.key);
  expect(draft!.definition).toEqual(exported);
});
