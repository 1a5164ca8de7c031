import type { Metadata } from "next";
import Link from "next/link";
import { AlertRulesPanel } from "@/components/alerts/alert-rules-panel";
import { ApiTokensTable } from "@/components/settings/api-tokens-table";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { SettingsSection } from "@/components/settings/settings-section";
import { UsersTable } from "@/components/settings/users-table";
import { RotateSigningSecretForm } from "@/components/settings/rotate-signing-secret-form";
import { Alert } from "@/components/ui/alert";
import { BellIcon, KeyIcon, UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/ui/role-badge";
import { cardClass, textLinkClass } from "@/components/ui/styles";
import { requirePageActor } from "../page-auth";
import { hasAtLeastRole } from "@/lib/engine";
import { getDb } from "@/lib/db/client";
import { listAlertRules } from "@/lib/services/alerts/list-alert-rules";
import { listAlertTargets } from "@/lib/services/alerts/list-alert-targets";
import { listApiTokens } from "@/lib/services/tokens/list-api-tokens";
import { getActiveUser } from "@/lib/services/users/get-active-user";
import { listUsers } from "@/lib/services/users/list-users";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";
import {
  createApiTokenAction,
  createUserAction,
  resetPasswordAction,
  revokeApiTokenAction,
  updateUserAction,
} from "./actions";
import { createAlertRuleAction, deleteAlertRuleAction, updateAlertRuleAction } from "./alert-rule-actions";
import { rotateSigningSecretAction } from "./webhook-secret-actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePageActor();
  const db = await getDb();
  const me = actor.id ? await getActiveUser(db, actor.id) : null;
  const isAdmin = hasAtLeastRole(actor.role, "admin");

  const account = me && (
    <div className={`${cardClass} mb-10 flex flex-wrap items-center justify-between gap-4 px-5 py-4`}>
      <div>
        <div className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Signed in as
        </div>
        <div className="mt-1 font-medium text-slate-900 dark:text-white">{me.name}</div>
        <div className="text-sm text-slate-500 dark:text-slate-400">{me.email}</div>
      </div>
      <RoleBadge role={me.role} />
    </div>
  );

  const [alertRules, alertTargets] = await Promise.all([listAlertRules(db, actor), listAlertTargets(db)]);
  const alertRulesDescription =
    "Get told when documents pile up in a state, miss their SLA, land in error states, or actions start failing. Evaluated by the worker every 15 seconds.";

  if (!isAdmin) {
    return (
      <>
        <PageHeader title="Settings" description="Your account and this DocState instance." />
        {account}
        <div className="mb-10">
          <Alert tone="notice" title="Read-only">
            API tokens, users and alert rules are managed by admins. Ask an admin if you need a token or a different
            role. The{" "}
            <Link className={textLinkClass} href="/docs/api">
              API reference
            </Link>{" "}
            lists every endpoint.
          </Alert>
        </div>
        <SettingsSection id="alert-rules" icon={BellIcon} title="Alert rules" description={alertRulesDescription}>
          <AlertRulesPanel rules={alertRules} targets={alertTargets} />
        </SettingsSection>
      </>
    );
  }

  const [tokens, users, workflows] = await Promise.all([
    listApiTokens(db, actor),
    listUsers(db, actor),
    listWorkflows(db),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader title="Settings" description="API access and the people who can sign in." />
      {account}
      <SettingsSection
        id="api-tokens"
        icon={KeyIcon}
        title="API tokens"
        description={
          <>
            Bearer tokens for systems that call the HTTP API (
            <code className="font-mono text-xs">Authorization: Bearer …</code>). A token acts with its role. Every
            endpoint, with examples and a way to try it: the{" "}
            <Link className={textLinkClass} href="/docs/api">
              API reference
            </Link>
            .
          </>
        }
      >
        <CreateTokenForm action={createApiTokenAction} />
        <ApiTokensTable tokens={tokens} now={now} revokeAction={revokeApiTokenAction} />
      </SettingsSection>
      <SettingsSection
        id="users"
        icon={UsersIcon}
        title="Users"
        description="Who can sign in, and with which role. Disabled users are signed out on their next request."
      >
        <CreateUserForm action={createUserAction} summary={userSummary(users)} />
        <UsersTable
          users={users}
          currentUserId={actor.id ?? ""}
          now={now}
          updateAction={updateUserAction}
          resetPasswordAction={resetPasswordAction}
        />
      </SettingsSection>
      <SettingsSection
        id="webhook-signing"
        icon={KeyIcon}
        title="Webhook signing secrets"
        description={
          <>
            Webhooks carry <code className="font-mono text-xs">x-docstate-signature: t=…,v1=…</code>. Without a workflow
            secret they are signed with DOCSTATE_WEBHOOK_SECRET or a secret generated for this install.
          </>
        }
      >
        <RotateSigningSecretForm action={rotateSigningSecretAction} workflowKeys={workflows.map((w) => w.key)} />
      </SettingsSection>
      <SettingsSection id="alert-rules" icon={BellIcon} title="Alert rules" description={alertRulesDescription}>
        <AlertRulesPanel
          rules={alertRules}
          targets={alertTargets}
          actions={{ create: createAlertRuleAction, update: updateAlertRuleAction, remove: deleteAlertRuleAction }}
        />
      </SettingsSection>
    </>
  );
}

function userSummary(users: { role: string; disabledAt: Date | null }[]): string {
  const admins = users.filter((u) => u.role === "admin" && !u.disabledAt).length;
  const disabled = users.filter((u) => u.disabledAt).length;
  return [
    `${users.length} user${users.length === 1 ? "" : "s"}`,
    `${admins} active admin${admins === 1 ? "" : "s"}`,
    disabled ? `${disabled} disabled` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}
