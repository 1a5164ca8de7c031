import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/layout/query-provider";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { getActiveUser } from "@/lib/services/users/get-active-user";

export const dynamic = "force-dynamic";

/**
 * The designer and monitor take the whole window, so they live outside the app shell: no
 * sidebar to render underneath and no navigation links prefetching six other pages while a
 * large graph loads, and no Suspense fallback in front of the canvas (React holds streamed
 * boundaries back up to ~300 ms to reveal them together). Same gate as the app shell.
 */
export default async function DesignerLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor?.id) redirect("/login");
  const user = await getActiveUser(await getDb(), actor.id);
  if (!user) redirect("/login");
  return <QueryProvider>{children}</QueryProvider>;
}
