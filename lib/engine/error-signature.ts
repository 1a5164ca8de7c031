/**
 * Groups errors that are the same failure: the action type plus the message with volatile
 * parts (numbers, ids, hosts' ports, quoted values) replaced, so the dashboard's error groups
 * and the documents filter `signature=` gather every document failing the same way. Pure.
 */
export function errorSignature(actionType: string, message: string): string {
  const normalised = message
    .toLowerCase()
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/"[^"]*"|'[^']*'/g, "<str>")
    .replace(/\b\d+(\.\d+)?\b/g, "<n>")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
  return `${actionType}: ${normalised}`;
}
