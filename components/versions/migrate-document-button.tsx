"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, cardClass } from "../ui/styles";
import { MigrateWizard } from "./migrate-wizard";
import { versionKeys, versionsApi } from "./versions-queries";
import { VersionStatusBadge } from "./version-status-badge";

/**
 * The document page's version card (admins): which version the document is pinned to, its
 * status, and "Migrate this document…" (the Migrate wizard for this one document) when a
 * newer version exists.
 */
export function MigrateDocumentButton(props: { workflowKey: string; documentId: string; version: number }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const { data } = useQuery({
    queryKey: versionKeys.workflow(props.workflowKey),
    queryFn: () => versionsApi.list(props.workflowKey),
  });
  const mine = data?.versions.find((v) => v.version === props.version);
  const active = data?.versions.find((v) => v.status === "active");
  return (
    <section className={`${cardClass} p-4 text-sm`} aria-label="Workflow version">
      <h2 className="font-medium text-slate-900 dark:text-white">Workflow version</h2>
      <p
        className="mt-1 flex items-center gap-2 text-slate-600 dark:text-slate-300"
        data-testid="document-workflow-version"
      >
        Pinned to v{props.version} {mine && <VersionStatusBadge status={mine.status} />}
      </p>
      {active && active.version !== props.version && (
        <button type="button" className={`${buttonClass.secondary} mt-3 w-full`} onClick={() => setIsOpen(true)}>
          Migrate this document…
        </button>
      )}
      {isOpen && data && (
        <MigrateWizard
          workflowKey={props.workflowKey}
          versions={data.versions}
          fromVersion={props.version}
          documentIds={[props.documentId]}
          onClose={() => {
            setIsOpen(false);
            router.refresh();
          }}
        />
      )}
    </section>
  );
}
