import { redirect } from "next/navigation";
import { type Actor, type Role } from "@/lib/engine";
import { requireRole } from "@/lib/auth/require-role";
import { isAppError } from "@/lib/errors/app-error";

/**
 * requireRole for pages of the app shell. Pages render alongside the layout, so a session
 * that just ended (user disabled, cookie expired) reaches here too: send it to sign-in like
 * the layout does instead of throwing into the error boundary; a user who must replace their
 * password goes to the change-password page first.
 */
export async function requirePageActor(role: Role = "viewer"): Promise<Actor> {
  try {
    return await requireRole(role);
  } catch (error) {
    if (isAppError(error) && error.code === "UNAUTHENTICATED") redirect("/login");
    if (isAppError(error) && error.code === "PASSWORD_CHANGE_REQUIRED") redirect("/account/password");
    throw error;
  }
}
