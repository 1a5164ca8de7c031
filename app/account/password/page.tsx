import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSignedInUser } from "@/lib/auth/require-role";
import { MIN_PASSWORD_LENGTH } from "@/lib/contracts/password-requests";
import { textLinkClass } from "@/components/ui/styles";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

/**
 * The change-password page: reachable from the account menu, and the only page a user with
 * a generated or reset password can open until they have chosen their own. It stands
 * outside the app shell, whose layout sends such users here.
 */
export default async function ChangePasswordPage() {
  const signedIn = await getSignedInUser();
  if (!signedIn) redirect("/login?callbackUrl=/account/password");
  const isForced = signedIn.mustChangePassword;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <div className="mx-auto mb-4 flex h-11 w-11 items-center justify-center rounded-xl bg-gradient-to-br from-indigo-500 to-violet-600 text-lg font-bold text-white shadow-sm shadow-indigo-600/30">
            D
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {isForced ? "Choose your own password" : "Change your password"}
          </h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {isForced
              ? `You signed in as ${signedIn.actor.name} with a password someone else knows. Replace it before you continue.`
              : `Signed in as ${signedIn.actor.name}. Your other sessions end when you change it.`}
          </p>
        </div>
        <ChangePasswordForm action={changePasswordAction} email={signedIn.actor.name} minLength={MIN_PASSWORD_LENGTH} />
        <div className="mt-4 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
          {isForced ? (
            <span>Not now?</span>
          ) : (
            <Link href="/" className={textLinkClass}>
              Back to DocState
            </Link>
          )}
          <SignOutButton label="Sign out" />
        </div>
      </div>
    </main>
  );
}
