import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { migrate, steps } from "../../../../server/storage/sqlite/migrations";

it("counts templated documents made before run_started_at as having had a run, and plain ones as not", () => {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = OFF");
  migrate(db, steps.length - 1);
  const insert = db.prepare(
    `INSERT INTO documents (id, exchange_id, kind, title, created_by, created_at, updated_at, template_id)
     VALUES (?, 'exchange0001', 'reflection', 'A document', 'facilitat01', ?, ?, ?)`,
  );
  insert.run("templated001", 10, 10, "after-action-review");
  insert.run("plain0000001", 20, 20, null);
  migrate(db);
  expect(db.prepare("SELECT id, run_started_at FROM documents ORDER BY id").all()).toEqual([
    { id: "plain0000001", run_started_at: null },
    { id: "templated001", run_started_at: 10 },
  ]);
  expect(db.pragma("user_version", { simple: true })).toBe(steps.length);
  db.close();
});
