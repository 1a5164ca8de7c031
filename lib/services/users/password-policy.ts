import { dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../contracts/password-requests";
import { AppError } from "../../errors/app-error";

/*
 * What a chosen password must be: 12 to 256 characters, not the user's e-mail (or its local
 * part), and not a common password. "Common" is the ~49,000-entry list of leaked passwords
 * that zxcvbn-ts maintains (@zxcvbn-ts/language-common). We check membership instead of
 * zxcvbn's strength score: a score is hard to explain in one line of a form, while "this
 * is one of the most used passwords" is, and length is the rule that matters most (NIST
 * SP 800-63B: a length minimum plus a blocklist, no composition rules). Few entries are 12
 * characters long, so the list is also matched against the password with the digits and
 * symbols around it removed and against one word repeated: "password1234!" and
 * "dragondragon" are as guessable as their cores.
 */

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"]);
  return common;
}

/** Pure apart from the list: the reason this password is refused, or null when it is fine. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split("@")[0] ?? "";
  if (lower === address || (localPart.length >= 4 && lower.includes(localPart))) {
    return "Do not use your e-mail address in your password.";
  }
  if (new Set(lower).size < 4) return "Use more different characters.";
  if (isCommon(lower)) return "This is one of the most used passwords. Choose another.";
  return null;
}

function isCommon(lower: string): boolean {
  const list = commonPasswords();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const candidates = [lower, core, ...repeatedUnits(lower), ...repeatedUnits(core)];
  // A core of 3 letters or fewer is too short to call the whole password common.
  return candidates.some((c) => c.length >= 4 && list.has(c)) || list.has(lower);
}

/** The unit of a string that is one piece repeated ("abcabcabc" → "abc"), if it is. */
function repeatedUnits(value: string): string[] {
  for (let size = 1; size <= value.length / 2; size += 1) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) {
      return [value.slice(0, size)];
    }
  }
  return [];
}

/** Throws VALIDATION_FAILED with a field error on `field` when the password is refused. */
export function assertPasswordAllowed(password: string, email: string, field = "password"): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError("VALIDATION_FAILED", problem, { fieldErrors: [{ path: field, message: problem }] });
}
