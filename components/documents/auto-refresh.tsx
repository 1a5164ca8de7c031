"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Keeps a server-rendered list current: re-renders the route (no full reload, scroll and
 * inputs kept) every `seconds` while the tab is visible, and at once when it becomes visible.
 */
export function AutoRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  const [isOn, setOn] = useState(true);
  useEffect(() => {
    if (!isOn) return;
    const tick = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    const timer = setInterval(tick, seconds * 1000);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [router, seconds, isOn]);
  return (
    <button
      type="button"
      onClick={() => setOn((v) => !v)}
      aria-pressed={isOn}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
      title={isOn ? `Refreshing every ${seconds}s; click to pause` : "Live updates paused; click to resume"}
    >
      <span
        className={`h-1.5 w-1.5 rounded-full ${isOn ? "animate-pulse bg-emerald-500" : "bg-slate-400"}`}
        aria-hidden
      />
      {isOn ? "Live" : "Paused"}
    </button>
  );
}
