/*
 * Limits that the API, the server actions and the forms share, so a value the form accepts is
 * never refused by the server for its size (and the other way round).
 */

/** Longest reason a person may give for a transition, a move, a retry or a cancel. */
export const MAX_REASON_LENGTH = 2000;

/**
 * Largest metadata object, in bytes of its JSON (UTF-8): guards read metadata on every fire,
 * so it must stay small enough to live in the document's hot row.
 */
export const MAX_METADATA_BYTES = 64 * 1024;
