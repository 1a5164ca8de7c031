import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/layout/query-provider";
import { getSignedInUser } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { countActiveAlerts } from "@/lib/services/alerts/list-alerts";
import { getActiveUser } from "@/lib/services/users/get-active-user";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const signedIn = await getSignedInUser();
  const id = signedIn?.actor.id;
  if (!signedIn || !id) redirect("/login");
  // A generated or reset password is replaced before anything else (API tokens unaffected).
  if (signedIn.mustChangePassword) redirect("/account/password");
  const db = await getDb();
  const user = await getActiveUser(db, id);
  if (!user) redirect("/login");
  const alerts = await countActiveAlerts(db);
  return (
    <QueryProvider>
      <AppShell user={{ name: user.name, email: user.email, role: user.role }} openAlerts={alerts.open}>
        {children}
      </AppShell>
    </QueryProvider>
  );
}
