import { buttonClass, inputClass, labelClass } from "../ui/styles";

const FIELDS = [
  { name: "actor", label: "Actor", placeholder: "admin@example.org", type: "text" },
  { name: "action", label: "Action", placeholder: "user.role_change", type: "text" },
  { name: "targetType", label: "Target type", placeholder: "document", type: "text" },
  { name: "target", label: "Target id", placeholder: "an id", type: "text" },
  { name: "from", label: "From (UTC day)", placeholder: "", type: "date" },
  { name: "to", label: "To (UTC day)", placeholder: "", type: "date" },
] as const;

/**
 * The audit filter as a plain GET form: the URL is the filter (shareable, back button works),
 * and it works before any script has loaded. The server parses and reports bad values.
 */
export function AuditFilterForm({
  values,
  actions,
}: {
  values: Record<string, string | undefined>;
  actions: readonly string[];
}) {
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="mb-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {FIELDS.map((field) => (
          <div key={field.name}>
            <label htmlFor={`audit-${field.name}`} className={labelClass}>
              {field.label}
            </label>
            <input
              id={`audit-${field.name}`}
              name={field.name}
              type={field.type}
              defaultValue={values[field.name] ?? ""}
              placeholder={field.placeholder || undefined}
              list={field.name === "action" ? "audit-actions" : undefined}
              maxLength={200}
              className={`${inputClass} mt-1`}
            />
          </div>
        ))}
      </div>
      <datalist id="audit-actions">
        {actions.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <div className="mt-3 flex gap-2">
        <button type="submit" className={buttonClass.primary}>
          Apply filter
        </button>
        <a href="/audit" className={buttonClass.ghost}>
          Clear
        </a>
      </div>
    </form>
  );
}
