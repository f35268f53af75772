import { formatRoomName } from "../../shared/protocol/roomName";
import type { Logger } from "../log";
import type { RunSerializer } from "../run/runLock";
import { changeRoom, NOBODY, withRooms } from "../run/serverChange";
import type { DirectoryStorage } from "../storage/DirectoryStorage";
import { findBuiltInTemplate } from "./builtIns";
import { syncDelegationPairs } from "./delegationPairSpaces";

export interface DelegationPairSync {
  /**
   * Brings each of the exchange's templated documents up to its delegations (new pairs, names as they
   * are now); returns how many documents changed.
   */
  sync(exchangeId: string): Promise<number>;
}

/**
 * A delegation that joins an exchange after its "who learned what" was made gets its pairs there too,
 * and a renamed one is shown by its new name: a server change per document, serialized with run
 * commands (which write the same document's maps), live for everyone who has it open. Documents whose
 * template has no per-pair section are not loaded; archived ones keep what they had. A document that
 * cannot be changed is logged and skipped: the delegation is saved either way.
 */
export function delegationPairSync(options: {
  serializer: RunSerializer;
  directory: DirectoryStorage;
  log: Logger;
}): DelegationPairSync {
  const { serializer, directory, log } = options;

  async function mayHavePairs(exchangeId: string, templateId: string): Promise<boolean> {
    const template = findBuiltInTemplate(templateId) ?? (await directory.getTemplate(exchangeId, templateId));
    // A template deleted since: only the document's own copy can tell.
    return !template || template.sections.some((section) => section.perDelegationPair);
  }

  return {
    async sync(exchangeId) {
      const delegations = await directory.listDelegations(exchangeId);
      let changed = 0;
      for (const document of await directory.listDocuments(exchangeId)) {
        if (document.archived || !document.templateId) continue;
        if (!(await mayHavePairs(exchangeId, document.templateId))) continue;
        const room = formatRoomName({ exchangeId, documentId: document.id });
        try {
          const { added, renamed } = await serializer.serialize(room, () =>
            withRooms(serializer.rooms, [room], NOBODY, ([live]) => {
              let outcome = { added: 0, renamed: 0 };
              changeRoom(live!, NOBODY, null, (doc) => {
                outcome = syncDelegationPairs(doc, delegations);
              });
              return outcome;
            }),
          );
          if (added > 0 || renamed > 0) {
            changed++;
            log.info("template.pairs_synced", { room, added, renamed });
          }
        } catch (error) {
          log.warn("template.pairs_failed", { room, error: (error as Error).message });
        }
      }
      return changed;
    },
  };
}
