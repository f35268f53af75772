// npm run migrate -- --from <SQLite data directory> --to <DATABASE_URL> [--verify] [--verify-only]
//
// Copies a single server's SQLite data directory into PostgreSQL for a scale-out deployment: every
// document's attributed log, snapshots, client-id bindings, versions and checkpoints, the directory,
// and the server secret (sessions and invite links keep working). Stop the SQLite server first. Safe
// to run again (rows already copied are skipped). --verify then checks every document (the stored log
// and the encoded document equal on both sides) and every other table, one line per result, and exits
// with 1 if anything differs.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadOrCreateServerSecret } from "../server/auth/serverSecret";
import { createLogger } from "../server/log";
import { openUpdateJournal } from "../server/storage/journal/updateJournal";
import { openPostgres } from "../server/storage/postgres/openPostgres";
import { createPostgresDocumentStorage } from "../server/storage/postgres/PostgresDocumentStorage";
import { storePostgresSecret } from "../server/storage/postgres/postgresSecret";
import { openSqliteDatabase } from "../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../server/storage/sqlite/SqliteDocumentStorage";
import { copySqliteToPostgres, postgresColumns, tablesToCopy } from "./migrateCopy";
import { verifyDocuments, verifyTables } from "./migrateVerify";

const { values } = parseArgs({
  options: {
    from: { type: "string" },
    to: { type: "string" },
    verify: { type: "boolean", default: false },
    "verify-only": { type: "boolean", default: false },
  },
});
const usage =
  "usage: npm run migrate -- --from <SQLite data directory> --to postgres://... [--verify] [--verify-only]";
if (!values.from || !values.to) {
  console.error(usage);
  process.exit(2);
}
const dataDir = resolve(values.from);
const databaseFile = join(dataDir, "mutual.db");
if (!existsSync(databaseFile)) {
  console.error(`no Mutual database in ${dataDir} (expected ${databaseFile})`);
  process.exit(2);
}
if (!/^postgres(ql)?:\/\//.test(values.to)) {
  console.error(`--to must be a postgres:// URL\n${usage}`);
  process.exit(2);
}

const log = createLogger((line) => process.stderr.write(line));
const sqlite = openSqliteDatabase(databaseFile);
const postgres = await openPostgres(values.to, { max: 2 });
let failed = false;
try {
  const sqliteDocuments = createSqliteDocumentStorage(sqlite);
  if (!values["verify-only"]) {
    // Changes journaled but not yet in the database file (the server was killed) go in first, as a
    // server start would write them.
    (await openUpdateJournal(join(dataDir, "journal"), sqliteDocuments, log)).close();
    const client = await postgres.pool.connect();
    try {
      await copySqliteToPostgres(sqlite, client, (copy) =>
        console.log(`copied ${copy.table}: ${copy.read} rows read, ${copy.inserted} new`),
      );
    } finally {
      client.release();
    }
    const secretFile = join(dataDir, "secret.key");
    if (existsSync(secretFile)) {
      await storePostgresSecret(postgres.pool, loadOrCreateServerSecret(secretFile, undefined));
      console.log("copied the server secret (sessions and invite links stay valid)");
    }
  }
  if (values.verify || values["verify-only"]) {
    const pgDocuments = createPostgresDocumentStorage(postgres.pool, { mergeOffThread: false });
    const documents = await verifyDocuments(sqlite, sqliteDocuments, pgDocuments, (check) =>
      console.log(
        check.ok
          ? `ok ${check.document}: ${check.updates} updates, ${check.bytes} bytes`
          : `MISMATCH ${check.document}: ${check.problems.join("; ")}`,
      ),
    );
    const tables = await verifyTables(
      sqlite,
      postgres.pool,
      tablesToCopy(sqlite, await postgresColumns(postgres.pool)),
      (check) =>
        console.log(
          `${check.ok ? "ok" : "MISMATCH"} table ${check.table}: ${check.sqlite} rows in SQLite, ${check.postgres} in PostgreSQL`,
        ),
    );
    const bad = documents.filter((check) => !check.ok).length + tables.filter((check) => !check.ok).length;
    console.log(
      bad === 0
        ? `verified: ${documents.length} documents and ${tables.length} tables equal`
        : `verification FAILED: ${bad} of ${documents.length + tables.length} differ`,
    );
    failed = bad > 0;
  }
} catch (error) {
  console.error(`migration failed: ${(error as Error).message}`);
  failed = true;
} finally {
  sqlite.close();
  await postgres.close();
}
process.exit(failed ? 1 : 0);
