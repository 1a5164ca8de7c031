import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/providers/query-provider";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { getActiveUser } from "@/lib/services/users/get-active-user";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor?.id) redirect("/login");
  const user = await getActiveUser(await getDb(), actor.id);
  if (!user) redirect("/login");
  return (
    <QueryProvider>
      <AppShell user={{ name: user.name, email: user.email, role: user.role }}>{children}</AppShell>
    </QueryProvider>
  );
}
