"use client";

import dynamic from "next/dynamic";
import { DesignerLoading } from "./designer-loading";

/*
 * The designer and the monitor render in the browser only. Their canvas needs the window's
 * size and measured cards anyway, and server-rendering the rest (validating and laying out
 * a 500-state graph, then hydrating it) made the page's first byte ~100 ms later than the
 * browser takes to draw the whole thing.
 */
export const WorkflowDesignerClient = dynamic(() => import("./designer").then((m) => m.WorkflowDesigner), {
  ssr: false,
  loading: DesignerLoading,
});

export const WorkflowMonitorClient = dynamic(() => import("./workflow-monitor").then((m) => m.WorkflowMonitor), {
  ssr: false,
  loading: DesignerLoading,
});
