/** Same shape as the AppError field errors the edges report. */
export interface NulFieldError {
  path: string;
  message: string;
}

/** Beyond this many fields a NUL is reported once: a flood of errors helps nobody. */
const MAX_REPORTED = 5;

/**
 * Pure. Paths of every string (value or object key) in `value` that contains U+0000.
 * PostgreSQL cannot store NUL in text or jsonb ("invalid byte sequence for encoding UTF8:
 * 0x00"), so such input is refused at the edge as a typed 400 before it reaches a query;
 * no legitimate DocState field needs it. The walk is iterative so deep JSON cannot
 * overflow the stack.
 */
export function findNulCharacters(value: unknown, root: string): NulFieldError[] {
  const found: NulFieldError[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes("\u0000")) found.push({ path, message: "must not contain NUL characters (U+0000)" });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: `${path}.${index}` }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes("\u0000")) {
          found.push({ path, message: "must not contain a key with NUL characters (U+0000)" });
        }
        stack.push({ value: item, path: `${path}.${key.replace(/\u0000/g, "\\u0000")}` });
      }
    }
  }
  return found;
}
