"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { documentApi, documentKeys, type WatchedDocument } from "../document-queries";
import { buttonClass } from "../../ui/styles";
import { AlertIcon, RefreshIcon } from "../../ui/icons";

interface StaleGuard {
  /** Call with a failed action result: shows the stale banner for STALE_VERSION and says so. */
  isStale(code: string): boolean;
  /** Re-reads the page from the server and hides the banner. */
  reload(): void;
}

const Context = createContext<StaleGuard>({ isStale: () => false, reload: () => {} });

export function useStaleGuard(): StaleGuard {
  return useContext(Context);
}

const WATCH_MS = 5_000;
const jobKey = (job: WatchedDocument["job"]) => (job ? `${job.status}:${job.attempt}:${job.nextAttemptAt}` : "none");

/**
 * Every change on the document page carries the version the page was loaded at. When the
 * server answers STALE_VERSION, this shows one banner for the whole page with a reload,
 * instead of each panel overwriting or failing on its own.
 * It also watches the document (every 5 s while the tab is visible): work of the automated
 * action (attempts, retries) refreshes the page in place, so the timeline grows by itself;
 * a change of the document by someone else shows the banner at once, so nobody acts on a
 * page that is out of date (and buttons never move under the cursor).
 */
export function StaleGuardProvider({
  children,
  documentId,
  loaded,
}: {
  children: ReactNode;
  documentId: string;
  loaded: WatchedDocument;
}) {
  const router = useRouter();
  const [isShown, setShown] = useState(false);
  const { data: current } = useQuery({
    queryKey: documentKeys.detail(documentId),
    queryFn: () => documentApi.get(documentId),
    refetchInterval: WATCH_MS,
  });
  const loadedJob = jobKey(loaded.job);
  // Only newer versions count: right after our own change the last poll is older than the page.
  const isChangedElsewhere = current !== undefined && current.version > loaded.version;
  useEffect(() => {
    if (current && current.version === loaded.version && jobKey(current.job) !== loadedJob) router.refresh();
  }, [current, loaded.version, loadedJob, router]);
  const reload = useCallback(() => {
    setShown(false);
    router.refresh();
  }, [router]);
  const isStale = useCallback((code: string) => {
    if (code !== "STALE_VERSION") return false;
    setShown(true);
    return true;
  }, []);
  const value = useMemo(() => ({ isStale, reload }), [isStale, reload]);
  return (
    <Context.Provider value={value}>
      {(isShown || isChangedElsewhere) && (
        <div
          role="alert"
          className="sticky top-2 z-20 mb-4 flex items-center gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 shadow-sm dark:border-amber-500/40 dark:bg-amber-950/60 dark:text-amber-200"
        >
          <AlertIcon className="h-5 w-5 shrink-0" />
          <div className="flex-1">
            <div className="font-medium">This document changed since you loaded it</div>
            <div className="text-amber-800/80 dark:text-amber-200/80">
              Someone else moved or edited it. Nothing was saved; reload to see the current version, then try again.
            </div>
          </div>
          <button type="button" className={buttonClass.secondary} onClick={reload}>
            <RefreshIcon className="h-4 w-4" /> Reload
          </button>
        </div>
      )}
      {children}
    </Context.Provider>
  );
}
