"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { fieldErrorMap } from "./field";

/**
 * A form that submits to a server action: reads the form's fields, calls `submit` in a
 * transition, and keeps what the answer said — field errors by name, or one message. On
 * success it clears them and calls `onSuccess` with the data and the form (to reset or close).
 */
export function useActionForm<T>(
  submit: (data: FormData) => Promise<ActionResult<T>>,
  onSuccess: (data: T, form: HTMLFormElement) => void,
) {
  const [isPending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await submit(data);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        onSuccess(result.data, form);
      } else {
        setErrors(fieldErrorMap(result.fieldErrors));
        setMessage(result.message);
      }
    });
  }

  /** Forgets what the last answer said (a cancelled form). */
  function clear() {
    setErrors({});
    setMessage(null);
  }

  return { isPending, errors, message, onSubmit, clear };
}
