import * as Y from "yjs";
import {
  type AgendaHistoryChange,
  type CompareTotal,
  HISTORY_CHANGE_MARK,
  type HistoryNode,
} from "../../shared/api/history";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import type { ClientBinding } from "../storage/DocumentStorage";
import { agendaHistoryChanges } from "./agendaChanges";
import { type ChangeAuthor, type ChangeGroup, ChangeIndex } from "./changeRanges";
import { type ChangeKind, renderFragment } from "./renderYDoc";
import { countWords } from "./wordCount";

const ANONYMOUS: ChangeAuthor = { participantId: null, delegationId: null };

/**
 * Compares two versions of a document: `after` is the document at the newer version (deleted content
 * kept), `beforeStateVector` the older version's state vector, `changes` the attributed changes of the
 * log between them. Insertions are attributed by their Yjs item's client id through the server's
 * bindings (delegation as recorded with the change that carried them); deletions by the logged change
 * whose delete set removed them. Nothing a client claims (awareness names) is read.
 */
export function compareDocuments(input: {
  after: Y.Doc;
  beforeStateVector: Uint8Array;
  changes: readonly ChangeGroup[];
  bindings: readonly ClientBinding[];
  /** An agenda: also list its changed sessions and fields. */
  agenda?: boolean;
}): { doc: HistoryNode; totals: CompareTotal[]; agenda?: AgendaHistoryChange[] } {
  const index = new ChangeIndex(input.changes);
  const bindings = new Map(input.bindings.map((binding) => [binding.clientId, binding]));
  const after = Y.snapshot(input.after);
  // The older version's delete set: everything deleted now, less what the changes in between deleted.
  const before = Y.createSnapshot(
    subtractDeletes(after.ds, index.deletedRanges()),
    Y.decodeStateVector(input.beforeStateVector),
  );

  const insertedBy = (id: Y.ID): ChangeAuthor => {
    const binding = bindings.get(id.client);
    if (!binding) return ANONYMOUS;
    const change = index.insertedBy(id);
    if (change && change.participantId === null) return ANONYMOUS;
    // The delegation recorded with the change that carried the text: the author's at the time.
    const delegationId =
      change && change.participantId === binding.participantId ? change.delegationId : binding.delegationId;
    return { participantId: binding.participantId, delegationId };
  };
  // A formatting change is its formatting item's: inserted (bold added) or deleted (bold removed).
  const authorOf = (kind: ChangeKind, id: Y.ID): ChangeAuthor =>
    kind === "insert" || (kind === "format" && !Y.isDeleted(after.ds, id))
      ? insertedBy(id)
      : (index.deletedBy(id) ?? ANONYMOUS);

  const totals = new Map<string, CompareTotal>();
  const doc = renderFragment(input.after.getXmlFragment(DocumentLayout.content), {
    before,
    after,
    changeMark: (kind, id) => {
      const author = authorOf(kind, id);
      return {
        type: HISTORY_CHANGE_MARK,
        attrs: { kind, participantId: author.participantId, delegationId: author.delegationId },
      };
    },
    onChangedText: (kind, id, text) => {
      // The summary counts words written and removed; reformatted words are neither.
      if (kind === "format") return;
      const author = authorOf(kind, id);
      const anonymous = author.participantId === null;
      const key = anonymous ? "\u0000anonymous" : (author.delegationId ?? "");
      let total = totals.get(key);
      if (!total) {
        total = {
          delegationId: anonymous ? null : author.delegationId,
          anonymous,
          participantIds: [],
          added: 0,
          removed: 0,
        };
        totals.set(key, total);
      }
      if (author.participantId && !total.participantIds.includes(author.participantId))
        total.participantIds.push(author.participantId);
      const words = countWords(text);
      if (kind === "insert") total.added += words;
      else total.removed += words;
    },
  });
  const agenda = input.agenda
    ? agendaHistoryChanges(input.after, before, {
        inserted: insertedBy,
        deleted: (id) => {
          // The index answers with the whole change group: only who made it leaves the thread.
          const group = index.deletedBy(id);
          return group ? { participantId: group.participantId, delegationId: group.delegationId } : null;
        },
      })
    : undefined;
  return { doc, totals: [...totals.values()], ...(agenda ? { agenda } : {}) };
}

/** `ds` less `removed` (both per client, sorted by clock). */
type DeleteSet = Y.Snapshot["ds"];

function subtractDeletes(
  ds: DeleteSet,
  removed: Map<number, Array<{ clock: number; len: number }>>,
): DeleteSet {
  const result = Y.createDeleteSet();
  for (const [client, items] of ds.clients) {
    const cut = removed.get(client) ?? [];
    const kept: Array<{ clock: number; len: number }> = [];
    let j = 0;
    for (const item of items) {
      let start = item.clock;
      const end = item.clock + item.len;
      while (j < cut.length && cut[j]!.clock + cut[j]!.len <= start) j++;
      let k = j;
      while (start < end) {
        const range = cut[k];
        if (!range || range.clock >= end) {
          kept.push({ clock: start, len: end - start });
          break;
        }
        if (range.clock > start) kept.push({ clock: start, len: range.clock - start });
        start = Math.max(start, range.clock + range.len);
        k++;
      }
    }
    // Y.DeleteSet holds DeleteItem objects; Yjs reads only their clock and len.
    if (kept.length > 0) result.clients.set(client, kept as unknown as (typeof items)[number][]);
  }
  return result;
}
