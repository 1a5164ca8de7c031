import Link from "next/link";

/** Switch between designing the draft and monitoring the published version of a workflow; link to its analytics. */
export function ModeTabs({ workflowKey, mode }: { workflowKey: string; mode: "design" | "monitor" }) {
  const item = (id: "design" | "monitor" | "analytics", label: string, href: string) => (
    <Link
      href={href}
      role="tab"
      aria-selected={mode === id}
      data-testid={`mode-${id}`}
      className={`rounded-md px-2.5 py-1 text-sm font-medium ${
        mode === id
          ? "bg-white text-slate-900 shadow-sm dark:bg-slate-700 dark:text-white"
          : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
      }`}
    >
      {label}
    </Link>
  );
  return (
    <nav
      role="tablist"
      aria-label="Designer mode"
      className="flex items-center gap-0.5 rounded-lg bg-slate-100 p-0.5 dark:bg-slate-800"
    >
      {item("design", "Design", `/workflows/${workflowKey}`)}
      {item("monitor", "Monitor", `/workflows/${workflowKey}?mode=monitor`)}
      {/* Analytics is its own page (the period and its tables need the room), reached from here. */}
      {item("analytics", "Analytics", `/workflows/${workflowKey}/analytics`)}
    </nav>
  );
}
