"use client";

import dynamic from "next/dynamic";
import { ApiReferenceSkeleton } from "./api-reference-skeleton";

// The renderer is large and browser-only: load it as its own chunk after the page shows.
// It arrives through Next's chunk loader, so a nonce-based script CSP covers it like any
// other bundle; it injects no script elements and evaluates no strings.
const ScalarReference = dynamic(() => import("./scalar-reference").then((m) => m.ScalarReference), {
  ssr: false,
  loading: () => <ApiReferenceSkeleton />,
});

export function ApiReference({ specUrl }: { specUrl: string }) {
  return <ScalarReference specUrl={specUrl} />;
}
