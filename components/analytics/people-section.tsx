import type { PeopleAnalytics } from "@/lib/services/analytics/get-people-analytics";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, TableHead } from "./analytics-card";
import { formatMs } from "./analytics-format";
import { CsvButton } from "./csv-button";

const TYPE_LABEL: Record<string, string> = { USER: "person", API: "API token", SYSTEM: "worker" };

/**
 * Moves and time to act per actor (shown to admins only). Time to act counts only waits in
 * states the actor's role can leave (not action states, timers or other roles' states).
 */
export function PeopleSection({ workflow, data }: { workflow: string; data: PeopleAnalytics }) {
  return (
    <AnalyticsCard
      id="people"
      title="People"
      description="Documents moved per actor, and how long documents had waited in states their role can leave. Visible to admins only."
      actions={
        <CsvButton
          filename={`${workflow}-people.csv`}
          header={["actor", "type", "role", "transitions", "acts", "median_time_to_act_ms", "p90_time_to_act_ms"]}
          rows={data.actors.map((a) => [
            a.name,
            a.actorType,
            a.role ?? "",
            a.transitions,
            a.acts,
            a.medianTimeToActMs,
            a.p90TimeToActMs,
          ])}
        />
      }
    >
      {data.actors.length === 0 ? (
        <EmptyAnalytics>Nobody moved a document in this period.</EmptyAnalytics>
      ) : (
        <table className={tableClass}>
          <TableHead columns={["Actor", "Kind", "Role", "Transitions", "Median time to act", "p90"]} />
          <tbody>
            {data.actors.map((a) => (
              <tr key={`${a.actorType}:${a.actorKey}`}>
                <td className={tdClass}>{a.name}</td>
                <td className={tdClass}>
                  {a.actorKey === "timer" ? "timer" : (TYPE_LABEL[a.actorType] ?? a.actorType)}
                </td>
                <td className={tdClass}>{a.role ?? "—"}</td>
                <td className={tdClass} title={`${a.acts} of them out of states this role can leave`}>
                  {a.transitions}
                </td>
                <td className={tdClass}>{formatMs(a.medianTimeToActMs)}</td>
                <td className={tdClass}>{formatMs(a.p90TimeToActMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AnalyticsCard>
  );
}
