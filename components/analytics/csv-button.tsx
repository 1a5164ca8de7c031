"use client";

import { buttonClass } from "../ui/styles";
import { toCsv, type CsvRow } from "./analytics-format";

/** Downloads one table as CSV, built in the browser from the data the page already shows. */
export function CsvButton({
  filename,
  header,
  rows,
}: {
  filename: string;
  header: readonly string[];
  rows: readonly CsvRow[];
}) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" onClick={download} className={buttonClass.small} disabled={rows.length === 0}>
      CSV
    </button>
  );
}
