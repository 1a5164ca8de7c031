import { Badge } from "../ui/badge";

/** OPEN (firing), ACKNOWLEDGED, RESOLVED — the same colours everywhere alerts appear. */
export function AlertStatusBadge({ status }: { status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED" }) {
  if (status === "OPEN")
    return (
      <Badge tone="red" dot>
        Open
      </Badge>
    );
  if (status === "ACKNOWLEDGED")
    return (
      <Badge tone="amber" dot>
        Acknowledged
      </Badge>
    );
  return <Badge tone="green">Resolved</Badge>;
}
