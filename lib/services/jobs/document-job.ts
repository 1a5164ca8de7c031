import type { DocumentJob } from "../../engine";

/** A job row (upper-case database status) as the operations' checks read it; null without one. */
export function documentJob(job: { status: string; state: string } | null | undefined): DocumentJob | null {
  return job ? { status: job.status.toLowerCase() as DocumentJob["status"], state: job.state } : null;
}
