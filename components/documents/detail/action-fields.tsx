import type { ActionOutputSource } from "@/lib/timeline/action-outputs";
import { formatAbsolute } from "../../ui/format";
import { Panel } from "./panel";

const VIA: Record<ActionOutputSource["via"], string> = {
  answer: "webhook answer",
  callback: "callback",
  hand: "completed by hand",
};

/** Which metadata fields came from which state's action (its output), newest write per path. */
export function ActionFields({
  sources,
  stateLabels,
}: {
  sources: ActionOutputSource[];
  stateLabels: Record<string, string>;
}) {
  return (
    <Panel title="Fields from actions">
      <ul className="space-y-2 text-sm" aria-label="Fields from actions">
        {sources.map((source) => (
          <li key={source.into} data-into={source.into}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              <code className="rounded bg-slate-100 px-1 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                {source.into}
              </code>
              <span className="text-slate-700 dark:text-slate-200">
                from <span className="font-medium">{stateLabels[source.state] ?? source.state}</span>
              </span>
              <span className="text-xs text-slate-500 dark:text-slate-400">({VIA[source.via]})</span>
            </div>
            {source.fields.length > 0 && (
              <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-300">{source.fields.join(", ")}</p>
            )}
            <p className="text-xs text-slate-500 dark:text-slate-400">
              <time dateTime={source.at}>{formatAbsolute(new Date(source.at))}</time> · history #{source.seq}
            </p>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
