import type { AuditEntryView } from "./list-audit-log";

export const AUDIT_CSV_HEADER = [
  "at",
  "actor_type",
  "actor",
  "action",
  "target_type",
  "target",
  "client_address",
  "details",
];

/**
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). A field a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, so opening an export never executes text an attacker put in a name. Pure.
 */
export function csvField(value: string | null): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One audit entry as a CSV line (CRLF-terminated). Pure. */
export function auditCsvLine(entry: AuditEntryView): string {
  return `${[
    entry.at,
    entry.actor.type,
    entry.actor.name,
    entry.action,
    entry.target.type,
    entry.target.id,
    entry.clientAddress,
    entry.details === null || entry.details === undefined ? null : JSON.stringify(entry.details),
  ]
    .map(csvField)
    .join(",")}\r\n`;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_HEADER.join(",")}\r\n`;
}
