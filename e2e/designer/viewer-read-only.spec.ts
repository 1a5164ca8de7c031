import { expect, test } from "../fixtures";
import { createWorkflowInUi, draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

test("a viewer sees the designer read-only and cannot change the workflow", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto("/workflows");
  await expect(page.getByRole("button", { name: "New workflow" })).toHaveCount(0);

  await page.goto("/workflows/invoice-processing");
  await expect(page.getByTestId("read-only-badge")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add state" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);

  const review = stateNode(page, "review");
  await review.click();
  await expect(page.getByLabel("Key")).toBeDisabled();
  await expect(page.getByLabel("Kind")).toBeDisabled();

  // Dragging does not move it relative to its neighbours (at most the canvas pans), and Delete does not remove it.
  const offset = async () => {
    const [a, b] = [await review.boundingBox(), await stateNode(page, "approved").boundingBox()];
    return { dx: Math.round(a!.x - b!.x), dy: Math.round(a!.y - b!.y) };
  };
  const before = await offset();
  const box = (await review.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 230, box.y + 120, { steps: 8 });
  await page.mouse.up();
  expect(await offset()).toEqual(before);
  await page.keyboard.press("Delete");
  await expect(review).toBeVisible();

  const drafts = await db.query(
    `SELECT count(*)::int AS n FROM "WorkflowVersion" v JOIN "Workflow" w ON w.id = v."workflowId" WHERE w.key = 'invoice-processing' AND v.status = 'DRAFT'`,
  );
  expect(drafts.rows[0].n).toBe(0);
});

test("the server refuses a viewer's or operator's save and publish, even replayed by hand", async ({
  page,
  browser,
  createUser,
  signIn,
  db,
}) => {
  // An admin edits and publishes; the browser's own server-action requests are captured.
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Replay");
  await createWorkflowInUi(page, name);
  const url = page.url();
  const captured: {
    save?: { headers: Record<string, string>; body: string };
    publish?: { headers: Record<string, string>; body: string };
  } = {};
  await page.route(url, async (route) => {
    const request = route.request();
    const headers = request.headers();
    if (request.method() !== "POST" || !headers["next-action"]) return route.continue();
    const body = request.postData() ?? "";
    const entry = {
      headers: {
        "next-action": headers["next-action"],
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      body,
    };
    if (body.includes('"definition"')) {
      captured.save = entry;
      return route.continue();
    }
    captured.publish = entry;
    return route.abort(); // the admin's publish never reaches the server
  });
  await stateNode(page, "start").click();
  await page.getByLabel("Label").fill("Begin");
  await expectSaved(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
  await expect.poll(() => Boolean(captured.save && captured.publish)).toBe(true);
  const before = (await draftDefinition(db, key)).map((v) => v.status);
  expect(before).toEqual(["DRAFT"]);

  for (const role of ["viewer", "operator"] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, await createUser(role));
    for (const [what, request] of Object.entries(captured)) {
      const response = await context.request.post(url, { headers: request!.headers, data: request!.body });
      const text = await response.text();
      expect(text, `${role} ${what}`).toContain('"code":"FORBIDDEN"');
    }
    await context.close();
  }
  // Nothing was written: still one draft, unpublished, with the admin's edit.
  const after = await draftDefinition(db, key);
  expect(after.map((v) => v.status)).toEqual(["DRAFT"]);
  expect((after[0]!.definition.states as { key: string; label?: string }[]).find((s) => s.key === "start")?.label).toBe(
    "Begin",
  );
});
