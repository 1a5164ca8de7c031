import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { saveDraft } from "../../lib/services/workflows/save-draft";
import { ADMIN, REVIEW_DEFINITION, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";

describe("draft edits from two editors are never silently merged (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    await publishedWorkflow(handle.db, "review");
  });
  afterAll(async () => handle?.close());

  it("two tabs that both started from no draft: the first save wins, the second gets 409", async () => {
    const first = await saveDraft(handle.db, ADMIN, {
      key: "review",
      definition: REVIEW_DEFINITION,
      expectedRevision: 0,
    });
    expect(first).toMatchObject({ version: 2, revision: 1 });
    await expect(
      saveDraft(handle.db, ADMIN, { key: "review", definition: REVIEW_DEFINITION, expectedRevision: 0 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      saveDraft(handle.db, ADMIN, { key: "review", definition: REVIEW_DEFINITION, expectedRevision: 1 }),
    ).resolves.toMatchObject({ revision: 2 });
    await expect(
      saveDraft(handle.db, ADMIN, { key: "review", definition: REVIEW_DEFINITION, expectedRevision: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(publishWorkflow(handle.db, ADMIN, { key: "review", expectedRevision: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(publishWorkflow(handle.db, ADMIN, { key: "review", expectedRevision: 2 })).resolves.toEqual({
      version: 2,
    });
  });

  it("a tab still editing a draft that another tab published gets 409 instead of reviving its stale copy", async () => {
    // The first test left revision 2 published as version 2; this tab had edited revision 2.
    await expect(
      saveDraft(handle.db, ADMIN, { key: "review", definition: REVIEW_DEFINITION, expectedRevision: 2 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const versions = await handle.db.prisma.workflowVersion.findMany({
      where: { workflow: { key: "review" } },
      select: { status: true },
    });
    expect(versions.map((v) => v.status)).toEqual(["PUBLISHED", "PUBLISHED"]);
    // A tab that knows there is no draft (revision 0, as after its own publish) starts one.
    await expect(
      saveDraft(handle.db, ADMIN, { key: "review", definition: REVIEW_DEFINITION, expectedRevision: 0 }),
    ).resolves.toMatchObject({ version: 3, revision: 1 });
  });
});
