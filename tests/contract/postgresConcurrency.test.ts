import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeUpdateBatch } from "../../server/storage/journal/journalFormat";
import { openPostgres, type PostgresDatabase } from "../../server/storage/postgres/openPostgres";
import {
  appendRecords,
  createPostgresDocumentStorage,
} from "../../server/storage/postgres/PostgresDocumentStorage";
import { createTestDatabase, scaleoutAvailable, type TestDatabase } from "../support/scaleout";

const ready = await scaleoutAvailable("PostgreSQL storage shared by several instances", ["postgres"]);

const NAME = "exchange0001/document0001";
let database: TestDatabase | null = null;
const pools: PostgresDatabase[] = [];
afterEach(async () => {
  for (const db of pools.splice(0)) await db.close();
  await database?.drop();
  database = null;
});

function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe.skipIf(!ready)("PostgreSQL storage shared by several instances", () => {
  it("never lets a snapshot skip an update another instance took a lower seq for and had not committed", async () => {
    database = await createTestDatabase("concurrency");
    const first = await openPostgres(database.url, { max: 2 });
    const second = await openPostgres(database.url, { max: 4 });
    pools.push(first, second);
    const secondStorage = createPostgresDocumentStorage(second.pool, { mergeOffThread: false });

    // Instance one is mid-commit: its update has a seq, and is not visible yet.
    const slow = await first.pool.connect();
    // Returned to the pool only after its commit; dropped if the test fails before.
    let committed = false;
    try {
      await slow.query("BEGIN");
      await appendRecords(slow, [{ documentName: NAME, update: typed("first "), author: null }], Date.now());
      // Instance two appends and compacts the same document meanwhile.
      let appended = false;
      const append = secondStorage
        .appendUpdates(encodeUpdateBatch([{ documentName: NAME, update: typed("second "), author: null }]))
        .then(() => {
          appended = true;
        });
      const compaction = secondStorage.compact(NAME);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Both wait for the document's lock, held until the first commit.
      expect(appended).toBe(false);
      await slow.query("COMMIT");
      committed = true;
      await append;
      await compaction;
    } finally {
      slow.release(!committed);
    }
    await secondStorage.compact(NAME);

    const stored = await secondStorage.loadDocument(NAME);
    const doc = new Y.Doc();
    for (const part of stored!.snapshot ? [stored!.snapshot, ...stored!.updates] : stored!.updates) {
      Y.applyUpdate(doc, part);
    }
    const text = doc.getText("t").toString();
    expect(text).toContain("first ");
    expect(text).toContain("second ");
    expect((await secondStorage.listUpdates(NAME)).length).toBe(2);
  });
});
