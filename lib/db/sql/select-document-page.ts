import { countJobScope, type JobScope } from "./count-job-scope";
import { countStateScope, type StateScope, type StateScopeCount } from "./count-state-scope";
import { documentsWhere, withCondition, type DocumentConditions } from "./document-filter-sql";
import { join, raw, sql, type Sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

export type DocumentPageOrder = "updated_desc" | "updated_asc" | "created_desc" | "created_asc";

/** A page order: the document's column, the job's copy of it (job-sort-keys.ts), the direction. */
function pageOrder(field: "updatedAt" | "createdAt", isDesc: boolean) {
  const onJob = field === "updatedAt" ? "documentUpdatedAt" : "documentCreatedAt";
  return { column: raw(`d."${field}"`), onJob: raw(`j."${onJob}"`), direction: raw(isDesc ? "DESC" : "ASC"), isDesc };
}

const ORDER = {
  updated_desc: pageOrder("updatedAt", true),
  updated_asc: pageOrder("updatedAt", false),
  created_desc: pageOrder("createdAt", true),
  created_asc: pageOrder("createdAt", false),
} as const;

/**
 * The most matching jobs a list filtered by a job status sorts by themselves (see below):
 * about 10-20 ms of reading and sorting on a 2-core machine. Past it the matches are dense
 * enough for the sort index walk.
 */
export const JOBS_SORTED_MAX = 40_000;

/**
 * How many of the newest documents (after the cursor) a text search looks at before it asks
 * the search index for every match: enough to fill a page when a term is in about 2.5% of the
 * documents or more, few enough to read in a few milliseconds.
 */
export const SEARCH_RECENT_WINDOW = 2_000;

// One keyset page of document ids matching the conditions, ordered by (sort column, id).
// The row comparison after the cursor keeps it an index range scan however deep the client
// pages: (updatedAt desc, id desc), (createdAt desc, id desc) and the per-workflow
// (workflowId, updatedAt desc, id desc) indexes serve both directions. Reads `limit + 1`
// ids so the caller knows whether another page follows.
//
// A text search (`q`: title contains, externalRef equals) cannot be estimated: the planner
// guesses ~0.01% of the rows for any ILIKE and walks the sort index, filtering, until a page
// is full, which for a rare term is the whole table (2.1 s at 10,000,000 documents). So a
// search reads its page in at most two statements:
// 1. among the SEARCH_RECENT_WINDOW newest documents after the cursor: a common term fills
//    its page there. The same statement counts, for each word of q, the titles of that sample
//    that contain it.
// 2. otherwise every match, from the search indexes, sorted (a CTE, so the planner cannot
//    push the LIMIT into a walk of the sort index). The trigram index is asked for the word of
//    q rarest in the sample (with its separators in q: withNeighbours), not for all of q: a word most titles share ("Invoice") has
//    trigrams whose posting lists span the table (~220 ms to read at 10,000,000 documents,
//    against ~5 ms for a rare word). Every candidate is still matched against all of q.
// The second statement alone is exact; the first is a shortcut whose page is the same when full.
//
// A filter that pins states (a state, the error states, the SLA states) has the same blind
// spot: the planner multiplies the workflow's and the state's selectivities as if unrelated,
// expects a page within the first rows of the sort index and walks it, filtering; for a state
// no document of the workflow is in, that is every document of the workflow (9.6 s for a list
// of 3,000,000 at 10,000,000 documents). The per-state counters know exactly how many documents
// the states hold, so, before the page statement (scope, countStateScope):
// - none: the page is empty, no statement;
// - few (readsMatchesFirst): every match from the (workflowId, state) index, sorted;
// - many: the walk, which then meets a match every total / matching rows.
// A filter on the documents' jobs (a job status, an error signature) has the same blind spot,
// worse: how often the walk meets a match depends on where the matching documents sit in the
// sort order, and documents whose jobs failed long ago sit far down it (the retrying
// documents of one workflow: 57-200 ms at 1,000,000 documents). Jobs are one row per document
// with an index on their status (and the retrying ones per workflow), and each carries its
// document's sort keys (job-sort-keys.ts). So the matching jobs are counted (countJobScope,
// up to JOBS_SORTED_MAX): none, an empty page; up to JOBS_SORTED_MAX, the jobs are sorted by
// those keys and their documents read in that order until the page is full (a nested loop
// over the sorted jobs: no document is read past the page, however the matches are spread);
// more, the walk, which then meets a match at least every total / JOBS_SORTED_MAX rows on
// average.
export async function selectDocumentPage(
  executor: SqlExecutor,
  input: {
    conditions: DocumentConditions;
    order: DocumentPageOrder;
    /** Position after which the page starts: the last row of the previous page. */
    after?: { at: Date; id: string };
    limit: number;
    /** The conditions hold a text search (see above); narrowedTo(part) asks the title index for a part of q. */
    search?: { q: string; narrowedTo: (part: string) => DocumentConditions };
    /** The states the conditions pin documents to, if any (see above). */
    scope?: StateScope | null;
    /** The jobs the conditions pin documents to, if any (see above). */
    jobs?: JobScope | null;
    /** JOBS_SORTED_MAX unless given (a test reads the same pages both ways). */
    jobsSortedMax?: number;
  },
): Promise<string[]> {
  const { column, direction } = ORDER[input.order];
  const keyset = input.after ? keysetCondition(input.order, input.after, column, raw(`d."id"`)) : null;
  const withKeyset = (conditions: DocumentConditions) => (keyset ? withCondition(conditions, keyset) : conditions);
  const page = sql`ORDER BY ${column} ${direction}, d."id" ${direction} LIMIT ${input.limit + 1}`;
  // Every match read first (a CTE, so the planner cannot push the LIMIT into a walk of the
  // sort index), then sorted: for the search's index candidates and scarce states.
  const everyMatchSorted = async (conditions: DocumentConditions) => {
    const rows = await executor.rows<{ id: string }>(sql`
      WITH matches AS MATERIALIZED (
        SELECT d."id", d."updatedAt", d."createdAt" FROM "Document" d ${documentsWhere(conditions)}
      )
      SELECT d."id"::text AS "id" FROM matches d ${page}`);
    return rows.map((row) => row.id);
  };
  const counted = input.scope ? await countStateScope(executor, input.scope) : null;
  if (counted && counted.matching <= 0) return [];
  if (!input.search) {
    if (counted && readsMatchesFirst(counted, input.limit)) {
      // The workflows and states the counters found them in, as an index range: implied by
      // the conditions, and the one form of them the (workflowId, state) index can serve.
      const inTheirStates = sql`d."workflowId" = ANY(${counted.workflowIds}::uuid[]) AND d."state" = ANY(${counted.stateKeys}::text[])`;
      return everyMatchSorted(withCondition(withKeyset(input.conditions), inTheirStates));
    }
    if (input.jobs) {
      const sortedMax = input.jobsSortedMax ?? JOBS_SORTED_MAX;
      const matching = await countJobScope(executor, input.jobs, sortedMax);
      if (matching <= 0) return [];
      if (matching <= sortedMax) return jobsSortedFirst(executor, input, input.jobs);
    }
    const rows = await executor.rows<{ id: string }>(sql`
      SELECT d."id"::text AS "id" FROM "Document" d ${documentsWhere(withKeyset(input.conditions))} ${page}`);
    return rows.map((row) => row.id);
  }
  const words = searchWords(input.search.q);
  const hits = words.map((word) => sql`count(*) FILTER (WHERE d."title" ILIKE ${`%${word}%`})::int`);
  const [sample] = await executor.rows<{ ids: string[]; hits: number[] }>(sql`
    WITH recent AS (
      SELECT * FROM "Document" d ${documentsWhere(keyset ? [keyset] : [])}
       ORDER BY ${column} ${direction}, d."id" ${direction} LIMIT ${SEARCH_RECENT_WINDOW}
    )
    SELECT ARRAY(SELECT d."id"::text FROM recent d ${documentsWhere(input.conditions)} ${page}) AS "ids",
           ARRAY[${hits.length ? join(hits) : raw("")}]::int[] AS "hits"
      FROM recent d`);
  const ids = sample?.ids ?? [];
  if (ids.length > input.limit) return ids;
  const word = rarestWord(words, sample?.hits ?? []);
  const conditions = word ? input.search.narrowedTo(withNeighbours(input.search.q, word)) : input.conditions;
  return everyMatchSorted(withKeyset(conditions));
}

/**
 * The page read from the scope's jobs sorted by their document's sort keys, each document then
 * read and checked against the conditions in that order until the page is full. The LATERAL
 * subquery (OFFSET 0 keeps it one) makes that a nested loop over the sorted jobs, whose order
 * the page keeps: no sort after the join, no document read past the page.
 */
async function jobsSortedFirst(
  executor: SqlExecutor,
  input: { conditions: DocumentConditions; order: DocumentPageOrder; after?: { at: Date; id: string }; limit: number },
  jobs: JobScope,
): Promise<string[]> {
  const { onJob, direction } = ORDER[input.order];
  const after = input.after
    ? sql` AND ${keysetCondition(input.order, input.after, onJob, raw(`j."documentId"`))}`
    : raw("");
  const rows = await executor.rows<{ id: string }>(sql`
    SELECT d."id"::text AS "id"
      FROM (SELECT j."documentId", ${onJob} AS "sortKey" FROM "Job" j WHERE ${jobs.conditions}${after}
             ORDER BY 2 ${direction}, 1 ${direction}) AS r
     CROSS JOIN LATERAL (SELECT d."id" FROM "Document" d ${documentsWhere(withCondition(input.conditions, sql`d."id" = r."documentId"`))} OFFSET 0) AS d
     ORDER BY r."sortKey" ${direction}, r."documentId" ${direction} LIMIT ${input.limit + 1}`);
  return rows.map((row) => row.id);
}

/**
 * Whether reading every match and sorting them reads fewer rows than walking the sort index:
 * the walk expects a match every total / matching rows, so about (limit + 1) × total /
 * matching rows for a page, against `matching` rows read by the state index. They are equal
 * at matching = √((limit + 1) × total): 22,600 of 10,000,000 documents for a page of 50, so
 * either way a page reads at most about that many rows.
 */
export function readsMatchesFirst(count: Pick<StateScopeCount, "matching" | "total">, limit: number): boolean {
  return count.matching * count.matching <= (limit + 1) * count.total;
}

/**
 * The words of a search that the trigram index can look up: runs of letters and digits of 3
 * or more (shorter ones have no trigram), each a substring of q, so every title containing q
 * contains each of them.
 */
export function searchWords(q: string): string[] {
  return [...new Set(q.split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 3))];
}

/**
 * The word as it stands in q with the separator before and after it, where q has them: still
 * a part of q, and pg_trgm then adds the trigrams of a word's start and end (" 19", "90 "),
 * which a number shares with far fewer titles than its digits alone. Every candidate the
 * index returns is read from the table to be sorted, so fewer candidates is what counts.
 */
export function withNeighbours(q: string, word: string): string {
  const at = q.indexOf(word);
  return q.slice(Math.max(0, at - 1), Math.min(q.length, at + word.length + 1));
}

/**
 * The word to ask the index for: the one fewest sampled titles contain (the longest among
 * equals: more trigrams, fewer candidates). None for a single word (it is all of q anyway).
 */
export function rarestWord(words: string[], hits: number[]): string | null {
  if (words.length < 2) return null;
  let best = 0;
  for (let i = 1; i < words.length; i += 1) {
    const fewer = hits[i]! < hits[best]!;
    const longer = hits[i] === hits[best] && [...words[i]!].length > [...words[best]!].length;
    if (fewer || longer) best = i;
  }
  return words[best]!;
}

/** The rows after `after` in the order: a row comparison on (sort key, id), an index range. */
function keysetCondition(order: DocumentPageOrder, after: { at: Date; id: string }, key: Sql, id: Sql) {
  const comparison = raw(ORDER[order].isDesc ? "<" : ">");
  return sql`(${key}, ${id}) ${comparison} (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`;
}
