import { randomUUID } from "node:crypto";
import type pg from "pg";
import { stateNode } from "../designer/designer-helpers";
import { expect, test } from "../fixtures";

const SECRET_URL = "https://bot:s3cr3t@hooks.example.org/services/T0/XyZsecret?token=abc";
const SECRETS = /s3cr3t|XyZsecret|token=abc/;

/**
 * A published workflow whose webhook URL carries a credential, written straight to the
 * database, with one document whose last attempt recorded that URL in its history.
 */
async function workflowWithSecretWebhook(db: pg.Pool): Promise<{ key: string; documentId: string }> {
  const key = `secret-hook-${Date.now().toString(36)}`;
  const definition = {
    states: [
      { key: "draft", kind: "initial" },
      { key: "notify", kind: "normal", action: { type: "webhook", url: SECRET_URL }, onFailure: "give_up" },
      { key: "failed", kind: "terminal" },
    ],
    transitions: [
      { key: "send", from: ["draft"], to: "notify" },
      { key: "give_up", from: ["notify"], to: "failed" },
    ],
  };
  const [id, versionId, documentId] = [randomUUID(), randomUUID(), randomUUID()];
  await db.query(`INSERT INTO "Workflow" ("id", "key", "name", "updatedAt") VALUES ($1, $2, $2, now())`, [id, key]);
  await db.query(
    `INSERT INTO "WorkflowVersion" ("id", "workflowId", "version", "status", "definition", "updatedAt", "publishedAt")
     VALUES ($1, $2, 1, 'PUBLISHED', $3::jsonb, now(), now())`,
    [versionId, id, JSON.stringify(definition)],
  );
  await db.query(
    `INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "version", "lastSeq")
     VALUES ($1, $2, $3, 'Secret hook doc', 'notify', 2, 3)`,
    [documentId, id, versionId],
  );
  await db.query(
    `INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey", "actorType", "actorName", "details", "documentVersion")
     VALUES ($1, 1, 'CREATED', NULL, 'draft', NULL, 'SYSTEM', 'e2e', NULL, 1),
            ($1, 2, 'TRANSITION', 'draft', 'notify', 'send', 'SYSTEM', 'e2e', NULL, 2),
            ($1, 3, 'ACTION_FAILED', NULL, NULL, NULL, 'SYSTEM', 'worker', $2::jsonb, 2)`,
    [documentId, JSON.stringify({ action: "webhook", url: SECRET_URL, status: 503 })],
  );
  return { key, documentId };
}

test("a viewer never sees a webhook URL's credential: document page, history, designer, API", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const { key, documentId } = await workflowWithSecretWebhook(db);
  await signIn(page, await createUser("viewer"));
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole("heading", { name: "Secret hook doc" })).toBeVisible();
  // The attempt's details (collapsed in the timeline) name only the host.
  await expect(page.getByText("https://hooks.example.org/…").first()).toBeAttached();
  expect(await page.content()).not.toMatch(SECRETS);
  const history = await page.request.get(`/api/v1/documents/${documentId}/history`);
  expect(await history.text()).not.toMatch(SECRETS);

  await page.goto(`/workflows/${key}`);
  await stateNode(page, "notify").click();
  await expect(page.getByLabel("Webhook URL")).toHaveValue("https://hooks.example.org/…");
  // Nothing in the page, its embedded server data included, carries the secret.
  expect(await page.content()).not.toMatch(SECRETS);
  const api = await page.request.get(`/api/v1/workflows/${key}`);
  expect(api.status()).toBe(200);
  expect(await api.text()).not.toMatch(SECRETS);
});

test("an admin sees the whole URL (the masking is by role, not a broken URL)", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const { key } = await workflowWithSecretWebhook(db);
  await signIn(page, await createUser("admin"));
  await page.goto(`/workflows/${key}?version=1`);
  await stateNode(page, "notify").click();
  await expect(page.getByLabel("Webhook URL")).toHaveValue(SECRET_URL);
});
