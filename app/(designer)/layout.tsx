import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/layout/query-provider";
import { getSignedInUser } from "@/lib/auth/require-role";
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
  const signedIn = await getSignedInUser();
  const id = signedIn?.actor.id;
  if (!signedIn || !id) redirect("/login");
  // A generated or reset password is replaced before anything else (API tokens unaffected).
  if (signedIn.mustChangePassword) redirect("/account/password");
  const user = await getActiveUser(await getDb(), id);
  if (!user) redirect("/login");
  return <QueryProvider>{children}</QueryProvider>;
}
