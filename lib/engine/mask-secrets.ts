import { hasAtLeastRole, type Role } from "./roles";

/*
 * A webhook URL may carry a credential (userinfo, a token in the path or the query), and
 * webhook headers may carry one too. Admins see them whole; everyone else sees only where a
 * webhook goes: the scheme and host. Applied by the read services by the reader's role
 * (workflow and version reads, a document's pinned definition, history details), so every
 * page, API answer and export built from them is masked alike.
 */

export const MASK = "…";

/** Pure: scheme, host and port kept; userinfo, path, query and fragment replaced by "/…". */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/${MASK}`;
  } catch {
    return MASK;
  }
}

/** Whether this role sees webhook URLs and headers unmasked. Pure. */
export function seesSecrets(role: Role): boolean {
  return hasAtLeastRole(role, "admin");
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Any other field whose name says it holds a credential (a signing secret kept beside the
// action, a token) is replaced whole.
const SECRET_FIELD = /secret|token|password|authorization|credential/i;

/**
 * Pure: an action-like object with its `url` masked, every `headers` value replaced and any
 * credential-named string field replaced.
 */
function maskAction(action: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = Object.fromEntries(
    Object.entries(action).map(([name, value]) => [
      name,
      typeof value === "string" && SECRET_FIELD.test(name) ? MASK : value,
    ]),
  );
  if (typeof masked.url === "string") masked.url = maskUrl(masked.url);
  if (isObject(masked.headers))
    masked.headers = Object.fromEntries(Object.keys(masked.headers).map((name) => [name, MASK]));
  return masked;
}

/**
 * Pure: a workflow definition (as stored JSON, valid or not) with every state's action masked
 * for `role`; returned as is for admins. Never mutates its input (definitions are cached).
 */
export function maskDefinitionSecrets<T>(definition: T, role: Role): T {
  if (seesSecrets(role) || !isObject(definition) || !Array.isArray(definition.states)) return definition;
  return {
    ...definition,
    states: definition.states.map((state: unknown) =>
      isObject(state) && isObject(state.action) ? { ...state, action: maskAction(state.action) } : state,
    ),
  } as T;
}

/** Pure: history event details (ACTION_* carry the webhook `url`) masked for `role`. */
export function maskDetailsSecrets(details: unknown, role: Role): unknown {
  if (seesSecrets(role) || !isObject(details)) return details;
  return maskAction(details);
}
