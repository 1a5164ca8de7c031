import type { ComponentProps } from "react";
import type { Role } from "@/lib/engine";
import { Badge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { RoleBadge } from "../ui/role-badge";
import { RevokeTokenButton } from "./revoke-token-button";
import { TableHead, TBODY } from "../ui/table-head";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Tokens newest first; revoked and expired ones stay listed, greyed, for the audit trail. */
export function ApiTokensTable({
  tokens,
  now,
  revokeAction,
}: {
  tokens: ApiTokenRow[];
  now: Date;
  revokeAction: ComponentProps<typeof RevokeTokenButton>["action"];
}) {
  if (tokens.length === 0) {
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-500 dark:text-slate-400">
        No API tokens yet. Create one above to let another system call DocState.
      </p>
    );
  }
  return (
    <table className="w-full text-sm" aria-label="API tokens">
      <TableHead
        columns={["Name", "Token", "Role", "Created", "Last used", "Status", { label: "Actions", isLabelHidden: true }]}
      />
      <tbody className={TBODY}>
        {tokens.map((t) => {
          const isExpired = !t.revokedAt && t.expiresAt !== null && t.expiresAt <= now;
          const isActive = !t.revokedAt && !isExpired;
          return (
            <tr key={t.id} className={isActive ? "" : "text-slate-500 dark:text-slate-400"}>
              <th
                scope="row"
                className={`px-4 py-3 text-left font-medium ${isActive ? "text-slate-900 dark:text-white" : ""}`}
              >
                {t.name}
              </th>
              <td className="px-4 py-3">
                <code className="font-mono text-xs">{t.prefix}…</code>
              </td>
              <td className="px-4 py-3">
                <RoleBadge role={t.role} />
              </td>
              <td className="px-4 py-3 text-slate-500 dark:text-slate-400">
                <RelativeTime date={t.createdAt} now={now} />
              </td>
              <td className="px-4 py-3 text-slate-500 dark:text-slate-400">
                {t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} now={now} /> : "Never"}
              </td>
              <td className="px-4 py-3">
                {t.revokedAt ? (
                  <Badge tone="red" title={t.revokedAt.toISOString()}>
                    Revoked
                  </Badge>
                ) : isExpired ? (
                  <Badge tone="amber">Expired</Badge>
                ) : (
                  <span className="flex items-center gap-2">
                    <Badge tone="green" dot>
                      Active
                    </Badge>
                    {t.expiresAt && (
                      <span className="text-xs text-slate-500 dark:text-slate-400">
                        expires <RelativeTime date={t.expiresAt} now={now} />
                      </span>
                    )}
                  </span>
                )}
              </td>
              <td className="px-4 py-3 text-right">
                {isActive && <RevokeTokenButton id={t.id} name={t.name} action={revokeAction} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
