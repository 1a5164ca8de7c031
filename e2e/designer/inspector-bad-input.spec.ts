import { expect, test } from "../fixtures";
import { createWorkflowInUi, draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

test("mistakes typed into the inspector are explained at the field and never saved; the retry chart follows the policy", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Bad input");
  await createWorkflowInUi(page, name, "Invoice processing");

  // A webhook URL that is not http(s), then a timeout out of range.
  await stateNode(page, "extract").click();
  const url = page.getByLabel("Webhook URL");
  await url.fill("ftp://extractor.example.com/hook");
  await expect(page.locator("#state-url-error")).toHaveText("The webhook URL must start with http:// or https://.");
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Timeout (ms)").fill("50");
  await expect(page.locator("#state-timeout-error")).toHaveText("Between 100 and 300,000 ms.");

  // The retry chart: 5 attempts, 2 s doubling up to 60 s, full jitter; 10 s timeout per run.
  await expect(page.getByTestId("retry-total")).toHaveText("30 s");
  await expect(page.getByTestId("retry-chart")).toContainText("between 5 attempts");
  await expect(page.getByTestId("retry-worst-case")).toHaveText("1 min 20 s");
  await page.getByLabel("Attempts").fill("0");
  await expect(page.locator("#retry-maxAttempts-error")).toHaveText("Between 1 and 100.");
  await page.getByLabel("Attempts").fill("3");
  await expect(page.getByTestId("retry-total")).toHaveText("6 s");
  await expect(page.getByTestId("retry-chart").locator('[aria-label="Delay before each retry"] > div')).toHaveCount(2);

  // A guard that is not JSON, then JSON that is not a JSON Schema.
  await page.getByTestId("edge-label-approve").click();
  const guard = page.getByLabel("Schema");
  await guard.fill('{"required": ["invoiceNumber"');
  await expect(page.locator("#transition-guard-error")).toContainText("Not valid JSON");
  await guard.fill('{"type": "invoice"}');
  await expect(page.locator("#transition-guard-error")).toContainText("Not a valid JSON Schema");
  await guard.fill("[1, 2]");
  await expect(page.locator("#transition-guard-error")).toHaveText(
    'A guard must be a JSON Schema object, e.g. {"required": ["amount"]}.',
  );

  // A transition key another transition from the same state already uses.
  await page.getByLabel("Key").fill("reject");
  await expect(page.locator("#transition-key-error")).toHaveText(
    'Another transition from this state already uses the key "reject".',
  );

  // Only the valid edit (3 attempts) reached the draft; every field kept its last good value.
  await expectSaved(page);
  const [draft] = await draftDefinition(db, key);
  const states = draft!.definition.states as unknown as {
    key: string;
    action?: { url: string; timeoutMs: number };
    retry?: { maxAttempts: number };
  }[];
  const extract = states.find((s) => s.key === "extract")!;
  expect(extract.action).toMatchObject({ url: "https://extractor.example.com/v1/invoices/extract", timeoutMs: 10_000 });
  expect(extract.retry?.maxAttempts).toBe(3);
  const approve = (
    draft!.definition.transitions as unknown as { key: string; guard?: { jsonSchema: { required: string[] } } }[]
  ).find((t) => t.key === "approve");
  expect(approve?.guard?.jsonSchema.required).toEqual(["invoiceNumber", "amount"]);
});
