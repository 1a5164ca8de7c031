import { z } from "zod";
import { bulkSelectionSchema, type BulkSelection } from "./bulk-request";
import { MAX_REASON_LENGTH } from "./limits";

/*
 * The migration plan as the API and the Migrate wizard send it: POST
 * /api/v1/workflows/:key/migrations/preview (dry run) and /migrations (run it as a bulk
 * operation) take the same body.
 */

const versionNumber = (what: string) =>
  z
    .number({ error: `Give the ${what} version number.` })
    .int({ error: `The ${what} version is a whole number.` })
    .min(1, { error: `The ${what} version is a whole number from 1.` });

const stateKey = z.string().min(1).max(64);

export const migrationRequestSchema = z.strictObject({
  fromVersion: versionNumber("source").meta({ description: "The published version the documents are on (A)." }),
  toVersion: versionNumber("target").meta({ description: "The published version they move to (B)." }),
  mapping: z.record(stateKey, stateKey).default({}).meta({
    description:
      "State of A → state of B. States B has with the same key and kind map to themselves; every other state of A must be listed.",
  }),
  selection: bulkSelectionSchema
    .optional()
    .meta({ description: "Narrow the documents of A (ids, or the usual document filter); all of them when omitted." }),
  reason: z
    .string()
    .trim()
    .max(MAX_REASON_LENGTH)
    .optional()
    .meta({ description: "Recorded in each document's MIGRATED history event." }),
  ratePerSecond: z
    .number()
    .int()
    .min(1)
    // Higher than other bulk actions' 1,000: a migration is an admin's planned operation, and
    // at 1,000/s it would be its own bottleneck (a migration keeps up with 8-client fires).
    .max(10_000)
    .optional()
    .meta({ description: "Documents per second at most (default 200, at most 10,000); ignored by the preview." }),
});

export type MigrationRequest = z.output<typeof migrationRequestSchema>;

/** A plan as the migration services take it. */
export interface MigrationInput {
  key: string;
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string>;
  selection?: BulkSelection;
  reason?: string;
  ratePerSecond?: number;
}

export const DEFAULT_MIGRATION_RATE_PER_SECOND = 200;

export const versionParams = z.strictObject({
  key: z.string().min(1).max(63),
  version: z.coerce.number().int().min(1),
});

/** POST /api/v1/workflows/:key/versions/:version/retire: close (or reopen) a version to migrations. */
export const retireVersionBody = z.strictObject({
  retired: z
    .boolean()
    .default(true)
    .meta({ description: "true closes the version to documents arriving by migration; false reopens it." }),
});
