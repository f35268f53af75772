import type { Database } from "better-sqlite3";
import type pg from "pg";

/** SQLite tables that stay behind: how far the local journal reached SQLite means nothing to PostgreSQL. */
const LOCAL_ONLY = new Set(["journal_state"]);
/** Rows per INSERT (PostgreSQL takes at most 65,535 parameters in one statement). */
const ROWS_PER_INSERT = 500;

export interface TableCopy {
  table: string;
  /** Rows read from SQLite, and rows PostgreSQL did not hold yet. */
  read: number;
  inserted: number;
}

/** Every SQLite table to copy, with its columns, checked against PostgreSQL's schema. */
export function tablesToCopy(sqlite: Database, target: Map<string, Set<string>>) {
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables = new Map<string, string[]>();
  for (const name of names.filter((name) => !LOCAL_ONLY.has(name))) {
    const columns = (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map(
      (column) => column.name,
    );
    const pgColumns = target.get(name);
    // A table or column PostgreSQL lacks would be left behind silently: refuse instead.
    if (!pgColumns)
      throw new Error(`SQLite table ${name} has no PostgreSQL counterpart (add a PostgreSQL migration)`);
    const missing = columns.filter((column) => !pgColumns.has(column));
    if (missing.length > 0) throw new Error(`PostgreSQL table ${name} lacks column(s) ${missing.join(", ")}`);
    tables.set(name, columns);
  }
  return tables;
}

/** Tables in an order where every row's foreign keys point to rows already copied. */
async function dependencyOrder(client: pg.PoolClient, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c WHERE c.contype = 'f'`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const { parent } of rows.filter((row) => row.child === table && row.parent !== table)) {
      if (tables.includes(parent)) visit(parent, path);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

export async function postgresColumns(client: pg.Pool | pg.PoolClient): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Set<string>();
    columns.add(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
}

/**
 * Copies every table of the SQLite database into PostgreSQL in one transaction (all or nothing), rows
 * as they are: the attributed update log with its seqs, snapshots, bindings, versions, checkpoints and
 * the directory. A row whose key PostgreSQL already holds is skipped, so running it again adds only
 * what is new; `--verify` then compares both sides. Sequences continue after the copied ids.
 */
export async function copySqliteToPostgres(
  sqlite: Database,
  client: pg.PoolClient,
  report: (copy: TableCopy) => void,
): Promise<TableCopy[]> {
  const copies: TableCopy[] = [];
  await client.query("BEGIN");
  try {
    const tables = tablesToCopy(sqlite, await postgresColumns(client));
    for (const table of await dependencyOrder(client, [...tables.keys()])) {
      const columns = tables.get(table)!;
      const copy: TableCopy = { table, read: 0, inserted: 0 };
      const list = columns.map((column) => `"${column}"`).join(", ");
      const flush = async (rows: unknown[][]) => {
        if (rows.length === 0) return;
        const values: unknown[] = [];
        const tuples = rows.map((row) => {
          const start = values.length;
          values.push(...row.map(toPostgres));
          return `(${row.map((_, index) => `$${start + index + 1}`).join(", ")})`;
        });
        const result = await client.query(
          `INSERT INTO "${table}" (${list}) VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING`,
          values,
        );
        copy.inserted += result.rowCount ?? 0;
      };
      let rows: unknown[][] = [];
      // rowid order keeps seqs and ids ascending (WITHOUT ROWID tables come in key order anyway).
      const hasRowid = !/WITHOUT ROWID/i.test(
        (sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string) ?? "",
      );
      const select = sqlite
        .prepare(`SELECT ${list} FROM "${table}"${hasRowid ? " ORDER BY rowid" : ""}`)
        .raw();
      for (const row of select.iterate() as IterableIterator<unknown[]>) {
        rows.push(row);
        copy.read++;
        if (rows.length >= ROWS_PER_INSERT) {
          await flush(rows);
          rows = [];
        }
      }
      await flush(rows);
      copies.push(copy);
      report(copy);
    }
    // New ids (a PostgreSQL server's next update, version, checkpoint) continue after the copied ones.
    const { rows: serials } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
    );
    for (const { table_name: table, column_name: column } of serials) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT MAX("${column}") FROM "${table}"), 1))`,
        [table, column],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return copies;
}

/** SQLite's values as PostgreSQL takes them (bigints as decimal text, which BIGINT parses exactly). */
function toPostgres(value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
