"use client";

import { useEffect, useState } from "react";
import { fetchText } from "../../data/fetch-json";
import { buttonClass } from "../../ui/styles";
import { Panel } from "./panel";

/** Text larger than this is not fetched for preview (download instead): the page stays light. */
const MAX_TEXT_PREVIEW = 256 * 1024;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function kindOf(contentType: string): "json" | "text" | "image" | "pdf" | "other" {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type.startsWith("text/")) return "text";
  if (/^image\/(png|jpeg|gif|webp)$/.test(type)) return "image";
  if (type === "application/pdf") return "pdf";
  return "other";
}

function TextPreview({ url, isJson }: { url: string; isJson: boolean }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchText(url, { signal: controller.signal })
      .then((body) => {
        if (!isJson) return setText(body);
        try {
          setText(JSON.stringify(JSON.parse(body), null, 2));
        } catch {
          setText(body);
        }
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "Could not load the content.");
      });
    return () => controller.abort();
  }, [url, isJson]);
  if (error) return <p className="text-sm text-red-600 dark:text-red-400">{error}</p>;
  if (text === null)
    return (
      <div
        role="status"
        aria-label="Loading content"
        className="h-24 animate-pulse rounded-md bg-slate-100 dark:bg-slate-800"
      />
    );
  return (
    <pre
      data-testid="content-text"
      className="max-h-80 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200"
    >
      {text}
    </pre>
  );
}

/** Content by type (text, JSON, image, PDF) with download; large content is never fetched inline. */
export function ContentPreview({
  documentId,
  content,
}: {
  documentId: string;
  content: { contentType: string; size: number; sha256: string } | null;
}) {
  const downloadUrl = `/api/v1/documents/${documentId}/content`;
  const previewUrl = `${downloadUrl}/preview`;
  if (!content) {
    return (
      <Panel title="Content">
        <p className="text-sm text-slate-500 dark:text-slate-400">This document has no content attached.</p>
      </Panel>
    );
  }
  const kind = kindOf(content.contentType);
  const isTooLarge = (kind === "text" || kind === "json") && content.size > MAX_TEXT_PREVIEW;
  return (
    <Panel
      title="Content"
      actions={
        <a href={downloadUrl} download className={buttonClass.small}>
          Download
        </a>
      }
    >
      <p className="mb-2 flex flex-wrap gap-x-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-mono">{content.contentType}</span>
        <span>·</span>
        <span>{formatBytes(content.size)}</span>
        <span>·</span>
        <span className="font-mono" title={`sha256 ${content.sha256}`}>
          {content.sha256.slice(0, 12)}…
        </span>
      </p>
      {isTooLarge ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Too large to preview here ({formatBytes(content.size)}); download it to read it.
        </p>
      ) : kind === "json" || kind === "text" ? (
        <TextPreview url={previewUrl} isJson={kind === "json"} />
      ) : kind === "image" ? (
        // eslint-disable-next-line @next/next/no-img-element -- authenticated API content, not a static asset
        <img
          src={previewUrl}
          alt="Document content"
          className="max-h-80 rounded-md border border-slate-200 dark:border-slate-800"
        />
      ) : kind === "pdf" ? (
        <iframe
          src={previewUrl}
          title="PDF preview"
          className="h-96 w-full rounded-md border border-slate-200 dark:border-slate-800"
        />
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No preview for this type; download it to open it.</p>
      )}
    </Panel>
  );
}
