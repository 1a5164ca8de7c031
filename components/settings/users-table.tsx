import type { UserListItem } from "@/lib/services/users/list-users";
import { Badge } from "../ui/badge";
import { initials } from "../ui/format";
import { RelativeTime } from "../ui/relative-time";
import { RoleBadge } from "../ui/role-badge";
import { TableHead, TBODY } from "../ui/table-head";
import { ResetPasswordButton, type ResetPasswordAction } from "./reset-password-button";
import { UserRoleSelect, UserStatusButton, type UpdateUserAction } from "./user-controls";

/**
 * Users with inline role, password and status controls. The signed-in admin's own row is
 * read-only: the services refuse self-demotion, self-disabling and self-reset anyway (their
 * own password is changed on the account page).
 */
export function UsersTable({
  users,
  currentUserId,
  now,
  updateAction,
  resetPasswordAction,
}: {
  users: UserListItem[];
  currentUserId: string;
  now: Date;
  updateAction: UpdateUserAction;
  resetPasswordAction: ResetPasswordAction;
}) {
  return (
    <table className="w-full text-sm" aria-label="Users">
      <TableHead columns={["User", "Role", "Status", "Last sign-in", { label: "Actions", isLabelHidden: true }]} />
      <tbody className={TBODY}>
        {users.map((u) => {
          const isSelf = u.id === currentUserId;
          const isDisabled = u.disabledAt !== null;
          return (
            <tr key={u.id} data-email={u.email}>
              <th scope="row" className="px-4 py-3 text-left font-normal">
                <div className="flex items-center gap-3">
                  <span
                    aria-hidden
                    className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${isDisabled ? "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400" : "bg-indigo-100 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"}`}
                  >
                    {initials(u.name || u.email)}
                  </span>
                  <div className="min-w-0">
                    <div
                      className={`flex items-center gap-2 font-medium ${isDisabled ? "text-slate-500 dark:text-slate-400" : "text-slate-900 dark:text-white"}`}
                    >
                      {u.name}
                      {isSelf && <Badge tone="indigo">You</Badge>}
                    </div>
                    <div className="truncate text-xs text-slate-500 dark:text-slate-400">{u.email}</div>
                  </div>
                </div>
              </th>
              <td className="px-4 py-3">
                {isSelf ? (
                  <RoleBadge role={u.role} />
                ) : (
                  <UserRoleSelect key={u.role} id={u.id} email={u.email} role={u.role} action={updateAction} />
                )}
              </td>
              <td className="px-4 py-3">
                {isDisabled ? (
                  <Badge tone="red">Disabled</Badge>
                ) : (
                  <Badge tone="green" dot>
                    Active
                  </Badge>
                )}
              </td>
              <td className="px-4 py-3 text-slate-500 dark:text-slate-400">
                {u.lastLoginAt ? <RelativeTime date={u.lastLoginAt} now={now} /> : "Never"}
              </td>
              <td className="px-4 py-3 text-right">
                {!isSelf && (
                  <div className="flex items-start justify-end gap-2">
                    <ResetPasswordButton id={u.id} email={u.email} action={resetPasswordAction} />
                    <UserStatusButton id={u.id} email={u.email} isDisabled={isDisabled} action={updateAction} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
