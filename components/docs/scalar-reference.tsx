"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useEffect, useMemo, useState } from "react";
import { ApiReferenceSkeleton } from "./api-reference-skeleton";

// Scalar's variables mapped onto the app's palette (slate surfaces, indigo accent) so the
// reference reads as part of DocState rather than an embedded site.
const CUSTOM_CSS = `
.scalar-app, .scalar-api-reference {
  --scalar-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, monospace;
  --scalar-radius: 0.5rem;
  --scalar-radius-lg: 0.75rem;
}
.light-mode {
  --scalar-background-1: #ffffff;
  --scalar-background-2: #f8fafc;
  --scalar-background-3: #f1f5f9;
  --scalar-color-1: #0f172a;
  --scalar-color-2: #475569;
  --scalar-color-3: #64748b;
  --scalar-color-accent: #4f46e5;
  --scalar-border-color: #e2e8f0;
}
.dark-mode {
  --scalar-background-1: #0f172a;
  --scalar-background-2: #111c31;
  --scalar-background-3: #1e293b;
  --scalar-color-1: #f1f5f9;
  --scalar-color-2: #cbd5e1;
  --scalar-color-3: #94a3b8;
  --scalar-color-accent: #818cf8;
  --scalar-border-color: #1e293b;
}
`;

/** The app's theme is a class on <html>; follow it, including later toggles. */
function useDarkMode(): boolean {
  // Client-only component (loaded with ssr: false), so the first render may read the class.
  const [dark, setDark] = useState(() => document.documentElement.classList.contains("dark"));
  useEffect(() => {
    const root = document.documentElement;
    const read = () => setDark(root.classList.contains("dark"));
    read();
    const observer = new MutationObserver(read);
    observer.observe(root, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}

/**
 * Scalar's API reference from npm (no CDN, no remote fonts, no telemetry). "Try it" sends
 * requests from this page to this origin: the session cookie goes along, so they run as the
 * signed-in user; a bearer token typed into its auth box is used instead when given.
 */
export function ScalarReference({ specUrl }: { specUrl: string }) {
  const dark = useDarkMode();
  // The skeleton stays until the document is fetched and rendered, not only the bundle.
  const [loaded, setLoaded] = useState(false);
  const configuration = useMemo(
    () => ({
      url: specUrl,
      withDefaultFonts: false,
      telemetry: false,
      hideDarkModeToggle: true,
      forceDarkModeState: dark ? ("dark" as const) : ("light" as const),
      hideDownloadButton: false,
      hideClientButton: true,
      showDeveloperTools: "never" as const,
      // No "explore"/MCP/agent extras: they are Scalar's own services, not DocState's API.
      mcp: { disabled: true },
      agent: { disabled: true },
      defaultOpenAllTags: true,
      customCss: CUSTOM_CSS,
      authentication: { preferredSecurityScheme: "session" },
      onLoaded: () => setLoaded(true),
    }),
    [specUrl, dark],
  );
  return (
    <>
      {!loaded && <ApiReferenceSkeleton />}
      <div
        aria-hidden={!loaded}
        className={
          loaded
            ? "docstate-api-reference overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800"
            : "h-0 overflow-hidden"
        }
      >
        {/* Scalar reads the forced colour mode when it mounts: remount on a theme switch. */}
        <ApiReferenceReact key={dark ? "dark" : "light"} configuration={configuration} />
      </div>
    </>
  );
}
