import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getCurrentActor } from "@/lib/auth/require-role";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login");
  return <AppShell user={{ name: actor.name, role: actor.role }}>{children}</AppShell>;
}
