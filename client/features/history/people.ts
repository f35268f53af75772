import type { TFunction } from "i18next";
import type { HistoryAuthor, HistoryDirectory } from "../../../shared/api/history";
import { DELEGATION_COLORS } from "../../../shared/domain";

/** Text for the anonymous and for people with no delegation (organisers): the slate of presence. */
export const NEUTRAL_COLOR = DELEGATION_COLORS.slate;

export interface ShownAuthor {
  name: string;
  delegation: string;
  color: string;
  anonymous: boolean;
}

/**
 * How an author shows: the name and delegation the server recorded (the delegation at the time of
 * writing, not the person's current one). Anonymous authors show as such, never as anyone.
 */
export function showAuthor(author: HistoryAuthor, directory: HistoryDirectory, t: TFunction): ShownAuthor {
  if (author.participantId === null) {
    return {
      name: t("history:anonymous"),
      delegation: t("history:anonymous"),
      color: NEUTRAL_COLOR,
      anonymous: true,
    };
  }
  const person = directory.people[author.participantId];
  const delegation = author.delegationId ? directory.delegations[author.delegationId] : undefined;
  return {
    name: person?.name ?? t("history:unknownPerson"),
    delegation: delegation?.name ?? t("history:noDelegation"),
    color: delegation?.color ?? NEUTRAL_COLOR,
    anonymous: false,
  };
}

/** "Ana, Li and Bo" in the reader's language. */
export function listNames(names: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(names);
}
