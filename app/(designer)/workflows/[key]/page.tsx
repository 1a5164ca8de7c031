import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import {
  WorkflowDesignerClient as WorkflowDesigner,
  WorkflowMonitorClient as WorkflowMonitor,
} from "@/components/designer/client-only";
import { type Actor, parseDefinition, type WorkflowDefinition } from "@/lib/engine";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { getWorkflow } from "@/lib/services/workflows/get-workflow";
import { getWorkflowVersion } from "@/lib/services/workflows/get-workflow-version";
import { requirePageActor } from "@/app/(app)/page-auth";
import { publishWorkflowAction, saveDraftAction } from "./actions";

const paramsSchema = z.object({ key: z.string().min(1).max(63) });
const searchSchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  mode: z.enum(["design", "monitor"]).optional(),
});

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }): Promise<Metadata> {
  const { key } = await params;
  return { title: `Designer · ${key}` };
}

const EMPTY: WorkflowDefinition = { states: [], transitions: [] };

/** A definition read back from the database, validated again (it may predate schema changes). */
function readDefinition(json: unknown): WorkflowDefinition {
  const parsed = parseDefinition(json);
  return parsed.ok ? parsed.definition : EMPTY;
}

/** Why a stored definition cannot be shown (first few schema issues), or null when it can. */
function unreadableIssues(json: unknown): { path: string; message: string }[] | null {
  const parsed = parseDefinition(json);
  return parsed.ok ? null : parsed.issues.slice(0, 5);
}

export default async function WorkflowDesignerPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const parsedParams = paramsSchema.safeParse(await params);
  if (!parsedParams.success) notFound();
  const { version, mode } = searchSchema.catch({}).parse(await searchParams);
  const db = await getDb();
  const key = parsedParams.data.key;
  if (mode === "monitor") {
    const workflow = await getWorkflow(db, { key }, actor).catch((error: unknown) => {
      if (isAppError(error) && error.code === "WORKFLOW_NOT_FOUND") return null;
      throw error;
    });
    if (!workflow) notFound();
    return (
      <WorkflowMonitor
        workflowKey={workflow.key}
        name={workflow.name}
        definition={workflow.published ? readDefinition(workflow.published.definition) : null}
        publishedVersion={workflow.published?.version ?? null}
      />
    );
  }
  const loaded = await loadDesigner(db, actor, key, version);
  if (!loaded) notFound();
  const { workflow, definition, viewing, unreadable } = loaded;
  return (
    <WorkflowDesigner
      key={viewing ? `v${viewing.version}` : "draft"}
      actions={{ saveDraft: saveDraftAction, publish: publishWorkflowAction }}
      workflowKey={workflow.key}
      name={workflow.name}
      definition={definition}
      revision={workflow.draft?.revision ?? null}
      canEdit={actor.role === "admin"}
      versions={workflow.versions}
      viewing={viewing}
      unreadable={unreadable}
    />
  );
}

/** The workflow, the definition to show (draft, else latest published, or an opened version) and the diff base. */
async function loadDesigner(
  db: Awaited<ReturnType<typeof getDb>>,
  actor: Actor,
  key: string,
  version: number | undefined,
) {
  try {
    const workflow = await getWorkflow(db, { key }, actor);
    const current = workflow.draft ?? workflow.published;
    const currentDefinition = readDefinition(current?.definition ?? EMPTY);
    let unreadable = current ? unreadableIssues(current.definition) : null;
    let viewing: {
      version: number;
      status: "draft" | "published";
      compareTo: WorkflowDefinition;
      compareLabel: string;
    } | null = null;
    let definition = currentDefinition;
    if (version !== undefined && version !== workflow.draft?.version) {
      const opened = await getWorkflowVersion(db, { key, version }, actor);
      definition = readDefinition(opened.definition);
      unreadable = unreadableIssues(opened.definition);
      // Compared with the draft, or with the latest published version when there is no draft.
      const compareLabel = workflow.draft ? "the draft" : `version ${current?.version ?? "?"}`;
      viewing = { version: opened.version, status: opened.status, compareTo: currentDefinition, compareLabel };
    }
    return { workflow, definition, viewing, unreadable };
  } catch (error) {
    if (isAppError(error) && (error.code === "WORKFLOW_NOT_FOUND" || error.code === "NOT_FOUND")) return null;
    throw error;
  }
}
