import { expect, test } from "../fixtures";

test("an operator creates a document with metadata and a file, after fixing bad JSON", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("operator"));
  await page.goto("/documents?workflow=expense-claims");
  await page.getByRole("button", { name: "New document" }).click();
  const dialog = page.getByRole("dialog", { name: "New document" });
  const title = `Printer paper ${Date.now()}`;
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Metadata (JSON object)").fill("{ employee: Ada }");
  await expect(dialog.getByText("Not valid JSON")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Create document" })).toBeDisabled();
  await dialog.getByLabel("Metadata (JSON object)").fill(JSON.stringify({ employee: "Ada Lovelace", amount: 12.5 }));

  const file = dialog.getByLabel(/^Content/);
  await file.setInputFiles({
    name: "receipt.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Paper, 2 boxes: EUR 12.50\n"),
  });
  await dialog.getByRole("button", { name: "Create document" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("document-state")).toHaveText("Draft");
  await expect(page.getByTestId("content-text")).toContainText("Paper, 2 boxes");
  const { rows } = await db.query(
    `SELECT d.state, d.metadata->>'employee' AS employee, c.size FROM "Document" d JOIN "DocumentContent" c ON c."documentId" = d.id WHERE d.title = $1`,
    [title],
  );
  expect(rows).toEqual([{ state: "draft", employee: "Ada Lovelace", size: 26 }]);
});
