import { formatRoomName } from "../../shared/protocol/roomName";
import type { Logger } from "../log";
import type { RunSerializer } from "../run/runLock";
import { changeRoom, NOBODY, withRooms } from "../run/serverChange";
import type { DirectoryStorage } from "../storage/DirectoryStorage";
import { findBuiltInTemplate } from "./builtIns";
import { addDelegationPairs } from "./delegationPairSpaces";

export interface NewDelegationPairs {
  /** Gives each of the exchange's templated documents the pairs its delegations now make; returns how many documents changed. */
  addPairs(exchangeId: string): Promise<number>;
}

/**
 * A delegation that joins an exchange after its "who learned what" was made gets its pairs there too:
 * a server change per document, serialized with run commands (which write the same document's maps),
 * live for everyone who has it open. Documents whose template has no per-pair section are not loaded;
 * archived ones keep what they had. A document that cannot be changed is logged and skipped: the
 * delegation exists either way.
 */
export function newDelegationPairs(options: {
  serializer: RunSerializer;
  directory: DirectoryStorage;
  log: Logger;
}): NewDelegationPairs {
  const { serializer, directory, log } = options;

  async function mayHavePairs(exchangeId: string, templateId: string): Promise<boolean> {
    const template = findBuiltInTemplate(templateId) ?? (await directory.getTemplate(exchangeId, templateId));
    // A template deleted since: only the document's own copy can tell.
    return !template || template.sections.some((section) => section.perDelegationPair);
  }

  return {
    async addPairs(exchangeId) {
      const delegations = await directory.listDelegations(exchangeId);
      let changed = 0;
      for (const document of await directory.listDocuments(exchangeId)) {
        if (document.archived || !document.templateId) continue;
        if (!(await mayHavePairs(exchangeId, document.templateId))) continue;
        const room = formatRoomName({ exchangeId, documentId: document.id });
        try {
          const added = await serializer.serialize(room, () =>
            withRooms(serializer.rooms, [room], NOBODY, ([live]) => {
              let pairs = 0;
              changeRoom(live!, NOBODY, null, (doc) => {
                pairs = addDelegationPairs(doc, delegations);
              });
              return pairs;
            }),
          );
          if (added > 0) {
            changed++;
            log.info("template.pairs_added", { room, pairs: added });
          }
        } catch (error) {
          log.warn("template.pairs_failed", { room, error: (error as Error).message });
        }
      }
      return changed;
    },
  };
}
