import type { MigrationPreview } from "@/lib/services/versions/preview-migration";
import { formatCount } from "../ui/format";

/** The dry run's answer per source state: moving where, stuck, waiting for a running action, job re-plans. */
export function MigrationPreviewTable({ preview }: { preview: MigrationPreview }) {
  const rows = preview.states.filter((s) => s.documents > 0);
  return (
    <section aria-label="Dry run" className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <p className="text-sm" data-testid="migration-preview-summary">
        Dry run: <strong>{formatCount(preview.moving)}</strong> of {formatCount(preview.total)} documents move from v
        {preview.fromVersion} to v{preview.toVersion}
        {preview.stuck > 0 && <>, {formatCount(preview.stuck)} would be stuck</>}
        {preview.running > 0 && <>, {formatCount(preview.running)} wait for a running action</>}. Nothing was written.
      </p>
      {rows.length > 0 && (
        <table className="mt-2 w-full text-xs">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1 font-medium">From</th>
              <th className="py-1 font-medium">To</th>
              <th className="py-1 text-right font-medium">Move</th>
              <th className="py-1 text-right font-medium">Stuck</th>
              <th className="py-1 text-right font-medium">Running</th>
              <th className="py-1 pl-3 font-medium">Automated action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.fromState} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1 font-mono">{s.fromState}</td>
                <td className="py-1 font-mono">{s.toState}</td>
                <td className="py-1 text-right">{formatCount(s.moving)}</td>
                <td
                  className={`py-1 text-right ${s.stuck ? "font-medium text-amber-700 dark:text-amber-300" : ""}`}
                  title={s.stuckExamples.map((e) => e.title).join("\n")}
                >
                  {formatCount(s.stuck)}
                </td>
                <td className="py-1 text-right">{formatCount(s.running)}</td>
                <td className="py-1 pl-3 text-slate-600 dark:text-slate-300">
                  {s.jobNote ?? "unchanged"}
                  {s.jobs.requeue + s.jobs.cancel > 0 && (
                    <span className="text-slate-500">
                      {" "}
                      ({s.jobs.requeue ? `${formatCount(s.jobs.requeue)} re-queued` : ""}
                      {s.jobs.requeue && s.jobs.cancel ? ", " : ""}
                      {s.jobs.cancel ? `${formatCount(s.jobs.cancel)} cancelled` : ""})
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
