import type { PeopleAnalytics } from "@/lib/services/analytics/get-people-analytics";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, thClass } from "./analytics-card";
import { formatMs } from "./analytics-format";
import { CsvButton } from "./csv-button";

const TYPE_LABEL: Record<string, string> = { USER: "person", API: "API token", SYSTEM: "worker" };

/** Transitions and time to act per actor (shown to admins only). */
export function PeopleSection({ workflow, data }: { workflow: string; data: PeopleAnalytics }) {
  return (
    <AnalyticsCard
      id="people"
      title="People"
      description="Transitions made and how long the documents had waited for them. Visible to admins only."
      actions={
        <CsvButton
          filename={`${workflow}-people.csv`}
          header={["actor", "type", "transitions", "median_time_to_act_ms", "p90_time_to_act_ms"]}
          rows={data.actors.map((a) => [a.name, a.actorType, a.transitions, a.medianTimeToActMs, a.p90TimeToActMs])}
        />
      }
    >
      {data.actors.length === 0 ? (
        <EmptyAnalytics>Nobody moved a document in this period.</EmptyAnalytics>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              {["Actor", "Kind", "Transitions", "Median time to act", "p90"].map((h) => (
                <th key={h} className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.actors.map((a) => (
              <tr key={`${a.actorType}:${a.name}`}>
                <td className={tdClass}>{a.name}</td>
                <td className={tdClass}>{TYPE_LABEL[a.actorType] ?? a.actorType}</td>
                <td className={tdClass}>{a.transitions}</td>
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
