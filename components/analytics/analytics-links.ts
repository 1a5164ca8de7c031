import { documentsHref, formatTook } from "@/lib/contracts/document-filter";

/** Pure: the documents list of one step taken in the period (a Sankey band, a transition row, a loop). */
export function tookHref(
  workflow: string,
  period: { from: string; to: string },
  step: { from: string; to: string; transition?: string },
): string {
  return documentsHref({
    workflow,
    took: formatTook({ fromState: step.from || null, toState: step.to, transition: step.transition || undefined }),
    tookFrom: period.from,
    tookTo: period.to,
  });
}

/** Pure: the documents list of those that completed by a path in the period. */
export function pathHref(workflow: string, period: { from: string; to: string }, states: readonly string[]): string {
  return documentsHref({ workflow, path: states.join(">"), tookFrom: period.from, tookTo: period.to });
}
