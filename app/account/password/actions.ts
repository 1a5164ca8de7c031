"use server";

import { defineAction } from "@/lib/api/server-action";
import {
  GENERATED_ADMIN_EMAIL,
  deleteGeneratedAdminPassword,
  hasGeneratedAdminPassword,
} from "@/lib/auth/generated-admin-password";
import { changePasswordInput } from "@/lib/contracts/password-requests";
import { changePassword } from "@/lib/services/users/change-password";

// The one action a user with a pending forced change may call (besides signing out).
export const changePasswordAction = defineAction({
  role: "viewer",
  allowPendingPasswordChange: true,
  input: changePasswordInput,
  async handler(input, { actor, db }) {
    const { email } = await changePassword(db, actor, input);
    // The generated first admin chose their own password: its file has served its purpose.
    if (email === GENERATED_ADMIN_EMAIL && hasGeneratedAdminPassword()) deleteGeneratedAdminPassword();
    return { email };
  },
});
