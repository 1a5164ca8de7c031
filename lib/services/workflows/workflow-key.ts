import { z } from "zod";

/** Workflow keys appear in URLs and API calls: lowercase, digits and dashes. */
export const workflowKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, "must be 2–63 characters: a lowercase letter, then lowercase letters, digits or -");
