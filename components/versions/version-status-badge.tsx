import type { VersionStatus } from "@/lib/services/versions/list-workflow-versions";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<VersionStatus, BadgeTone> = { active: "green", draining: "amber", retired: "neutral" };

/** active / draining / retired, in the colour every versions view uses. */
export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return (
    <span data-testid={`version-status-${status}`}>
      <Badge tone={TONE[status]}>{status}</Badge>
    </span>
  );
}
