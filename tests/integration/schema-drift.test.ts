// Fails when prisma/schema.prisma and the database built by prisma/migrations disagree.
// Prisma's own diff needs its native schema engine, which cannot be installed here
// (docs/decisions/002-sql-migrations.md), so this compares Prisma's parsed schema (DMMF, from the
// same wasm parser `prisma generate` uses) with the catalog of the migrated test database.
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Indexes the schema language cannot express, created by hand in migration SQL.
const handWrittenIndexes = [
  "job_runs_active_type_project_key",
  "notification_deliveries_due_idx",
  // Partial: live rows only (soft deletes, error events).
  "apps_project_id_platform_bundle_id_key",
  "apps_project_id_apple_app_store_id_key",
  "apps_deleted_at_idx",
  "projects_deleted_at_idx",
  "events_errors_received_idx",
  "issues_announce_pending_idx",
  "events_errors_fingerprint_idx",
  "app_store_reviews_pending_response_idx",
  // An expression (the error's fingerprint), failed runs only: the Failures rollup's triggers.
  "job_runs_failures_idx",
  // Covering (INCLUDE): a Failures window read from the index alone.
  "failure_groups_window_idx",
  // Partial: a failure group's "Retry all" still in progress.
  "bulk_retries_open_idx",
];

type Dmmf = Awaited<ReturnType<typeof internals.getDMMF>>;
let dmmf: Dmmf;
let client: pg.Client;

beforeAll(async () => {
  dmmf = await internals.getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") });
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client?.end());

const scalarTypes: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Json: "jsonb",
  DateTime: "timestamp(3) without time zone",
  Decimal: "numeric(65,30)",
};

const nativeTypes: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Timestamptz: (args) => `timestamp(${args[0] ?? 6}) with time zone`,
  Decimal: (args) => `numeric(${args.join(",")})`,
  Text: () => "text",
  Date: () => "date",
};

function expectedType(field: Dmmf["datamodel"]["models"][number]["fields"][number]): string {
  let type: string;
  if (field.kind === "enum") type = `"${field.type}"`; // format_type quotes mixed-case names
  else if (field.nativeType) type = nativeTypes[field.nativeType[0]]!(field.nativeType[1] as string[]);
  else type = scalarTypes[field.type]!;
  return field.isList ? `${type}[]` : type;
}

async function columns() {
  const { rows } = await client.query<{ table: string; column: string; type: string; nullable: boolean; has_default: boolean }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           NOT a.attnotnull AS nullable, a.atthasdef AS has_default
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
  return rows;
}

describe("schema.prisma and the migrations", () => {
  it("define the same tables and columns, with the same types, nullability and defaults", async () => {
    const expected = dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind !== "object")
        .map((field) => ({
          table: model.dbName ?? model.name,
          column: field.dbName ?? field.name,
          type: expectedType(field),
          // Prisma leaves list columns nullable in SQL.
          nullable: !field.isRequired || field.isList,
          // Only database-level defaults: uuid() and @updatedAt are filled in by Prisma Client.
          has_default: field.hasDefaultValue && !(typeof field.default === "object" && field.default !== null && "name" in field.default && field.default.name === "uuid"),
        })),
    );
    const sort = (rows: Array<{ table: string; column: string }>) => [...rows].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
    expect(sort(await columns())).toEqual(sort(expected));
  });

  it("define the same enums", async () => {
    const { rows } = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY t.typname`);
    const expected = dmmf.datamodel.enums
      .map((entry) => ({ name: entry.dbName ?? entry.name, values: entry.values.map((value) => value.dbName ?? value.name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(rows).toEqual(expected);
  });

  it("define the same indexes and unique constraints", async () => {
    const { rows } = await client.query<{ table: string; name: string; unique: boolean; columns: string[] }>(`
      SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique,
             array(SELECT a.attname || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN ' desc' ELSE '' END
                     FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
        FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations' AND NOT t.relispartition`);
    const actual = rows.filter((row) => !handWrittenIndexes.includes(row.name)).map((row) => ({ ...row, name: undefined }));

    const columnName = (modelName: string, fieldName: string) => {
      const model = dmmf.datamodel.models.find((candidate) => candidate.name === modelName)!;
      const field = model.fields.find((candidate) => candidate.name === fieldName)!;
      return field.dbName ?? field.name;
    };
    const expected = dmmf.datamodel.indexes.map((index) => {
      const model = dmmf.datamodel.models.find((candidate) => candidate.name === index.model)!;
      return {
        table: model.dbName ?? model.name,
        name: undefined,
        unique: index.type !== "normal",
        columns: index.fields.map((field) => columnName(index.model, field.name) + (field.sortOrder === "desc" ? " desc" : "")),
      };
    });
    const key = (row: { table: string; columns: string[]; unique: boolean }) => `${row.table}(${row.columns.join(",")})${row.unique ? "!" : ""}`;
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
    // The hand-written indexes exist too.
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(handWrittenIndexes));
  });

  it("define the same foreign keys and delete rules", async () => {
    const { rows } = await client.query<{ table: string; columns: string[]; target: string; on_delete: string }>(`
      SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
             array(SELECT a.attname FROM unnest(c.conkey) AS k(attnum) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)::text[] AS columns,
             c.confdeltype AS on_delete
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`);
    const rules: Record<string, string> = { Cascade: "c", SetNull: "n", Restrict: "r", NoAction: "a", SetDefault: "d" };
    const expected = dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === "object" && (field.relationFromFields?.length ?? 0) > 0)
        .map((field) => ({
          table: model.dbName ?? model.name,
          columns: field.relationFromFields!.map((name) => model.fields.find((candidate) => candidate.name === name)!.dbName ?? name),
          target: dmmf.datamodel.models.find((candidate) => candidate.name === field.type)!.dbName ?? field.type,
          // Prisma's default for a required relation is Restrict, for an optional one SetNull.
          on_delete: rules[field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")]!,
        })),
    );
    const key = (row: { table: string; columns: string[]; target: string; on_delete: string }) => `${row.table}(${row.columns.join(",")})->${row.target}:${row.on_delete}`;
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("partition the event tables by range on occurred_at, with this month's partition in place", async () => {
    const { rows } = await client.query<{ table: string; strategy: string; key: string; partitions: string[] }>(`
      SELECT c.relname AS table, p.partstrat AS strategy, pg_get_partkeydef(c.oid) AS key,
             array(SELECT child.relname FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid WHERE i.inhparent = c.oid ORDER BY 1)::text[] AS partitions
        FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' ORDER BY 1`);
    const thisMonth = new Date().toISOString().slice(0, 7).replace("-", "_");
    expect(rows.map(({ table, strategy, key }) => ({ table, strategy, key }))).toEqual(
      ["events", "funnel_events", "metric_events"].map((table) => ({ table, strategy: "r", key: "RANGE (occurred_at)" })),
    );
    for (const row of rows) expect(row.partitions).toContain(`${row.table}_${thisMonth}`);
  });
});
