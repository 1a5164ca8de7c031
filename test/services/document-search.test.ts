import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/engine";
import { rarestWord, searchWords, SEARCH_RECENT_WINDOW, withNeighbours } from "../../lib/db/sql/select-document-page";
import type { DocumentSort } from "../../lib/contracts/document-filter";
import { listDocuments } from "../../lib/services/documents/list-documents";
import { CYCLE_DEFINITION } from "../concurrency/race-helpers";
import { publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const VIEWER: Actor = { type: "USER", id: null, name: "viewer@test", role: "viewer" };
const DOCUMENTS = SEARCH_RECENT_WINDOW + 1_000;

interface Row {
  id: string;
  title: string;
  externalRef: string | null;
  updatedAt: Date;
  createdAt: Date;
}

/*
 * The search reads a page from the newest documents first and from the search indexes when
 * that does not fill it (select-document-page.ts). Whichever way a page is found, every page
 * must be exactly the matches in order: checked against a plain filter of all rows, with more
 * documents than the recent sample so that both ways are taken.
 */
describe.each<TestDbKind>(["postgres", "pglite"])("document search on %s", (kind) => {
  let handle: OpenedTestDb;
  let rows: Row[];

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "search", CYCLE_DEFINITION);
    // Titles: every document says "Order"; one in 7 is "urgent" (common); a few old ones carry
    // "needle" (rare, beyond the recent sample); one has LIKE wildcards in its title.
    await handle.db.withConnection((conn) =>
      conn.query(
        `INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "externalRef", "state", "stateEnteredAt",
                                 "version", "lastSeq", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), w."id", v."id",
                'Order ' || g || CASE WHEN g % 7 = 0 THEN ' urgent' ELSE '' END
                              || CASE WHEN g IN (3, 40, 42, 900) THEN ' needle' ELSE '' END
                              || CASE WHEN g = 17 THEN ' 50%_off' ELSE '' END,
                CASE WHEN g % 5 = 0 THEN 'ref-' || g END, 'draft', now(), 1, 0,
                now() - make_interval(secs => ($1 - g) * 7), now() - make_interval(secs => ($1 - g) * 3 + (g % 3))
           FROM generate_series(1, $1::int) AS g, "Workflow" AS w
           JOIN "WorkflowVersion" AS v ON v."workflowId" = w."id" AND v."status" = 'PUBLISHED'
          WHERE w."key" = 'search'`,
        [DOCUMENTS],
      ),
    );
    rows = await handle.db.prisma.document.findMany({
      select: { id: true, title: true, externalRef: true, updatedAt: true, createdAt: true },
    });
    expect(rows).toHaveLength(DOCUMENTS);
  }, 120_000);
  afterAll(async () => handle?.close());

  function expected(q: string, sort: DocumentSort): string[] {
    const field = sort.startsWith("updated") ? "updatedAt" : "createdAt";
    const sign = sort.endsWith("desc") ? -1 : 1;
    return rows
      .filter((r) => r.title.toLowerCase().includes(q.toLowerCase()) || r.externalRef === q)
      .sort((a, b) => sign * (a[field].getTime() - b[field].getTime() || (a.id < b.id ? -1 : 1)))
      .map((r) => r.id);
  }

  async function readAll(q: string, sort: DocumentSort, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDocuments(handle.db, VIEWER, { q, sort, limit, cursor });
      ids.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  it.each([
    ["a common word, pages filled from the newest documents", "urgent", 40],
    ["a rare word beyond the newest documents", "NEEDLE", 2],
    ["a rare word next to a common one (the index is asked for the rare one)", "urgent needle", 1],
    ["a number of one document, with the word every title has", "Order 2345", 5],
    ["an externalRef, exactly", "ref-35", 3],
    ["LIKE wildcards, literally", "50%_off", 1],
    ["nothing", "no such thing", 5],
  ])(
    "%s: every page exactly the matches in order",
    async (_, q, limit) => {
      for (const sort of ["updated_desc", "created_asc"] as const) {
        expect(await readAll(q, sort, limit)).toEqual(expected(q, sort));
      }
      expect(expected(q, "updated_desc").length > 0 || q === "no such thing").toBe(true);
    },
    60_000,
  );

  it("asks the index for the word of q fewest sampled titles contain", () => {
    expect(searchWords("Order 2345, urgent!")).toEqual(["Order", "2345", "urgent"]);
    expect(searchWords("ab c-de")).toEqual([]);
    expect(rarestWord(["Order", "2345"], [2_000, 0])).toBe("2345");
    expect(rarestWord(["abc", "abcdef"], [0, 0])).toBe("abcdef");
    expect(rarestWord(["Order"], [0])).toBeNull();
    // With the separators around it in q: a part of q, so every match contains it.
    expect(withNeighbours("Order 2345, urgent!", "2345")).toBe(" 2345,");
    expect(withNeighbours("Order 2345", "2345")).toBe(" 2345");
    expect(withNeighbours("needle urgent", "needle")).toBe("needle ");
  });
});
