"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/api/server-action";
import { createApiToken } from "@/lib/services/tokens/create-api-token";
import { revokeApiToken } from "@/lib/services/tokens/revoke-api-token";
import { forgetApiToken } from "@/lib/auth/api-token-cache";
import { createUser } from "@/lib/services/users/create-user";
import { resetPassword } from "@/lib/services/users/reset-password";
import { updateUser } from "@/lib/services/users/update-user";
import { resetPasswordInput } from "@/lib/contracts/password-requests";
import {
  createApiTokenInput,
  createUserInput,
  revokeApiTokenInput,
  tokenExpiry,
  updateUserInput,
} from "@/lib/contracts/settings-requests";

// Every action requires ADMIN on the server (defineAction re-reads the session user), and
// the services check again: hiding the forms from non-admins is only a courtesy.

export const createApiTokenAction = defineAction({
  role: "admin",
  input: createApiTokenInput,
  async handler(input, { actor, db }) {
    const created = await createApiToken(db, actor, {
      name: input.name,
      role: input.role,
      expiresAt: tokenExpiry(input.expiresIn, new Date()),
    });
    revalidatePath("/settings");
    return created;
  },
});

export const revokeApiTokenAction = defineAction({
  role: "admin",
  input: revokeApiTokenInput,
  async handler(input, { actor, db }) {
    await revokeApiToken(db, actor, input);
    // This process stops trusting it at once; other processes within DOCSTATE_API_TOKEN_CACHE_MS.
    forgetApiToken(input.id);
    revalidatePath("/settings");
    return { id: input.id };
  },
});

export const createUserAction = defineAction({
  role: "admin",
  input: createUserInput,
  async handler(input, { actor, db }) {
    const user = await createUser(db, actor, input);
    revalidatePath("/settings");
    return user;
  },
});

export const updateUserAction = defineAction({
  role: "admin",
  input: updateUserInput,
  async handler(input, { actor, db }) {
    const user = await updateUser(db, actor, input);
    revalidatePath("/settings");
    return { id: user.id, role: user.role, isDisabled: user.disabledAt !== null };
  },
});

export const resetPasswordAction = defineAction({
  role: "admin",
  input: resetPasswordInput,
  async handler(input, { actor, db }) {
    const reset = await resetPassword(db, actor, input);
    revalidatePath("/settings");
    return { email: reset.email, temporaryPassword: reset.temporaryPassword };
  },
});
