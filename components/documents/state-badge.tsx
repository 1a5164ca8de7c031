import { Badge } from "../ui/badge";
import { KIND_TONE, type DisplayStateKind } from "./state-kind";

/** A document state as a coloured badge; the kind decides the colour. */
export function StateBadge({ label, kind }: { label: string; kind: DisplayStateKind }) {
  return (
    <Badge
      tone={KIND_TONE[kind]}
      dot
      title={kind === "unknown" ? "Not in the latest published version" : `${kind} state`}
    >
      {label}
    </Badge>
  );
}
