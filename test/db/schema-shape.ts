import type { SqlConnection } from "../../lib/db/sql-connection";

/** A database schema reduced to what must agree between schema.prisma and the migrations. */
export interface SchemaShape {
  enums: Record<string, string[]>;
  tables: Record<string, TableShape>;
}

interface TableShape {
  columns: { name: string; type: string; nullable: boolean; hasDefault: boolean }[];
  primaryKey: string[];
  indexes: { name: string; unique: boolean; columns: string[] }[];
  foreignKeys: {
    name: string;
    columns: string[];
    references: string;
    referencedColumns: string[];
    onDelete: string;
    onUpdate: string;
  }[];
}

// Minimal view of Prisma's DMMF datamodel (get_dmmf output).
interface DmmfField {
  name: string;
  kind: "scalar" | "enum" | "object";
  type: string;
  isRequired: boolean;
  isId: boolean;
  isList: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  dbName?: string | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "normal" | "unique" | "fulltext";
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
  dbName?: string | null;
}
interface Datamodel {
  models: DmmfModel[];
  enums: { name: string; values: { name: string; dbName?: string | null }[] }[];
  indexes: DmmfIndex[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
  Decimal: "numeric",
};

// Defaults Prisma generates in the client, not in the database.
const CLIENT_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);

function columnType(field: DmmfField): string {
  if (field.kind === "enum") return field.type;
  if (field.nativeType?.[0] === "Uuid") return "uuid";
  if (field.nativeType?.[0] === "Timestamptz") return `timestamptz(${field.nativeType[1][0] ?? 6})`;
  return SCALAR_TYPES[field.type] ?? `unknown:${field.type}`;
}

function hasDbDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false;
  const def = field.default as { name?: string } | undefined;
  return !(def && typeof def === "object" && "name" in def && CLIENT_DEFAULTS.has(def.name!));
}

const ACTION: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  SetNull: "SET NULL",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

/** The shape Prisma Migrate would create for this datamodel, with its default names. */
export function expectedSchema(datamodel: Datamodel): SchemaShape {
  // A value mapped with @map is stored under its dbName.
  const enums = Object.fromEntries(datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const tables: Record<string, TableShape> = {};
  for (const model of datamodel.models) {
    const table = model.dbName ?? model.name;
    const scalars = model.fields.filter((f) => f.kind !== "object");
    const indexes = datamodel.indexes
      .filter((i) => i.model === model.name && (i.type === "normal" || i.type === "unique"))
      .map((i) => ({
        name: i.dbName ?? `${table}_${i.fields.map((f) => f.name).join("_")}_${i.type === "unique" ? "key" : "idx"}`,
        unique: i.type === "unique",
        columns: i.fields.map((f) => (f.sortOrder === "desc" ? `${f.name} DESC` : f.name)),
      }));
    const foreignKeys = model.fields
      .filter((f) => f.kind === "object" && f.relationFromFields && f.relationFromFields.length > 0)
      .map((f) => {
        const target = datamodel.models.find((m) => m.name === f.type)!;
        const optional = f.relationFromFields!.some((name) => !model.fields.find((x) => x.name === name)!.isRequired);
        return {
          name: `${table}_${f.relationFromFields!.join("_")}_fkey`,
          columns: f.relationFromFields!,
          references: target.dbName ?? target.name,
          referencedColumns: f.relationToFields!,
          onDelete: ACTION[f.relationOnDelete ?? (optional ? "SetNull" : "Restrict")]!,
          onUpdate: "CASCADE",
        };
      });
    tables[table] = {
      columns: scalars
        .map((f) => ({
          name: f.dbName ?? f.name,
          type: columnType(f),
          nullable: !f.isRequired,
          hasDefault: hasDbDefault(f),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      primaryKey: model.primaryKey?.fields ?? scalars.filter((f) => f.isId).map((f) => f.name),
      indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: foreignKeys.sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
  return { enums, tables };
}

const FK_ACTION: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** Reads the same shape from the public schema of a live database. */
export async function introspect(conn: SqlConnection): Promise<SchemaShape> {
  const enumRows = await conn.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`,
  );
  const columns = await conn.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    datetime_precision: number | null;
    is_nullable: string;
    column_default: string | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, datetime_precision, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        -- A partitioned table's partitions repeat its shape; the parent is what schema.prisma says.
        AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = format('%I', table_name)::regclass)`,
  );
  const indexRows = await conn.query<{
    table: string;
    name: string;
    is_unique: boolean;
    is_primary: boolean;
    def: string;
  }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS is_unique, x.indisprimary AS is_primary, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
        AND NOT t.relispartition
        -- Partial indexes (WHERE …) cannot be written in schema.prisma; the model's comment names them.
        AND x.indpred IS NULL`,
  );
  const fkRows = await conn.query<{
    table: string;
    name: string;
    columns: string[];
    references: string;
    referenced_columns: string[];
    del: string;
    upd: string;
  }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name,
            (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            c.confrelid::regclass::text AS references,
            (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced_columns,
            c.confdeltype AS del, c.confupdtype AS upd
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'
        AND NOT (SELECT relispartition FROM pg_class WHERE oid = c.conrelid)`,
  );
  const unquote = (s: string) => s.replace(/"/g, "");
  const tables: Record<string, TableShape> = {};
  const tableOf = (name: string) =>
    (tables[unquote(name)] ??= { columns: [], primaryKey: [], indexes: [], foreignKeys: [] });
  for (const c of columns) {
    const type =
      c.data_type === "USER-DEFINED"
        ? c.udt_name
        : c.data_type === "timestamp with time zone"
          ? `timestamptz(${c.datetime_precision})`
          : c.data_type.startsWith("timestamp")
            ? `timestamp(${c.datetime_precision})`
            : c.data_type;
    tableOf(c.table_name).columns.push({
      name: c.column_name,
      type,
      nullable: c.is_nullable === "YES",
      hasDefault: c.column_default !== null,
    });
  }
  for (const i of indexRows) {
    // Storage parameters (a BRIN index's WITH (pages_per_range = …)) are not columns.
    const inner = /\((.*)\)\s*$/.exec(i.def.replace(/\s+WITH \([^)]*\)\s*$/, ""))?.[1] ?? "";
    // An operator class (gin_trgm_ops) is part of the column in the definition, not in the DMMF's field name.
    const cols = inner.split(",").map((part) =>
      unquote(part.trim())
        .replace(/\s+ASC$/, "")
        .replace(/\s+\w+_ops$/, ""),
    );
    if (i.is_primary) tableOf(i.table).primaryKey = cols;
    else tableOf(i.table).indexes.push({ name: i.name, unique: i.is_unique, columns: cols });
  }
  for (const f of fkRows) {
    tableOf(f.table).foreignKeys.push({
      name: f.name,
      columns: f.columns,
      references: unquote(f.references),
      referencedColumns: f.referenced_columns,
      onDelete: FK_ACTION[f.del]!,
      onUpdate: FK_ACTION[f.upd]!,
    });
  }
  for (const t of Object.values(tables)) {
    t.columns.sort((a, b) => a.name.localeCompare(b.name));
    t.indexes.sort((a, b) => a.name.localeCompare(b.name));
    t.foreignKeys.sort((a, b) => a.name.localeCompare(b.name));
  }
  return { enums: Object.fromEntries(enumRows.map((r) => [r.name, r.labels])), tables };
}
