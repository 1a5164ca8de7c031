import { type AlertConditionName } from "@/lib/contracts/alert-rules";

interface RuleShape {
  condition: AlertConditionName;
  state: string | null;
  threshold: number;
  windowMinutes: number | null;
}

/** Pure: a rule's condition as a sentence ("More than 10 documents in “review”"). */
export function describeCondition(rule: RuleShape): string {
  const n = formatNumber(rule.threshold);
  const docs = `${n} document${rule.threshold === 1 ? "" : "s"}`;
  switch (rule.condition) {
    case "STATE_COUNT":
      return `More than ${docs} in “${rule.state ?? "?"}”`;
    case "OVER_SLA_COUNT":
      return `More than ${docs} over SLA${rule.state ? ` in “${rule.state}”` : ""}`;
    case "ERROR_STATE_COUNT":
      return `More than ${docs} in ${rule.state ? `“${rule.state}”` : "error states"}`;
    case "FAILURE_RATE":
      return `Action failure rate above ${n}% over ${formatWindow(rule.windowMinutes ?? 15)}`;
  }
}

/** Pure: a measured value in the rule's unit (a count, or a percentage). */
export function formatValue(condition: AlertConditionName, value: number): string {
  return condition === "FAILURE_RATE" ? `${formatNumber(value)}%` : formatNumber(value);
}

/** Pure: minutes as "15 min", "2 h", "1 d 6 h". */
export function formatWindow(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440)
    return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.round((minutes % 1440) / 60);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString("en-US")
    : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** Pure: the host a webhook goes to, for compact display. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
