import { DELEGATION_COLORS, type Delegation, type Participant } from "../domain";

/**
 * The `user` of a collaborator's awareness state. The server writes it from what it knows of the
 * connection (a client's own claim is replaced), so peers can trust it; readers still check its shape.
 */
export interface PresenceUser {
  participantId: string;
  name: string;
  /** The delegation's colour (carets, avatars). */
  color: string;
  /** Where a co-author is writing from; null for participants outside any delegation (organisers). */
  delegation: PresenceDelegation | null;
}

export interface PresenceDelegation {
  id: string;
  name: string;
  /** IANA zone: their local time is shown beside their name. */
  timeZone: string;
  /** BCP 47 tag. */
  workingLanguage: string;
}

/** Participants outside any delegation (organisers) show in slate. */
export const NO_DELEGATION_COLOR = DELEGATION_COLORS.slate;

/** A participant's colour on carets and avatars: their delegation's. */
export function delegationColor(delegation: Pick<Delegation, "color"> | null): string {
  return delegation ? DELEGATION_COLORS[delegation.color] : NO_DELEGATION_COLOR;
}

/** How a participant shows in a document: built by the server for others, by the client for itself. */
export function presenceUserOf(
  participant: Pick<Participant, "id" | "displayName">,
  delegation: Delegation | null,
): PresenceUser {
  return {
    participantId: participant.id,
    name: participant.displayName,
    color: delegationColor(delegation),
    delegation: delegation
      ? {
          id: delegation.id,
          name: delegation.name,
          timeZone: delegation.timeZone,
          workingLanguage: delegation.workingLanguage,
        }
      : null,
  };
}

const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

function readDelegation(value: unknown): PresenceDelegation | null {
  if (typeof value !== "object" || value === null) return null;
  const { id, name, timeZone, workingLanguage } = value as Record<string, unknown>;
  if (!isText(id) || !isText(name) || !isText(timeZone) || !isText(workingLanguage)) return null;
  return { id, name, timeZone, workingLanguage };
}

/** The `user` of an awareness state, or null when it is not one (an old client, a half-written state). */
export function readPresenceUser(value: unknown): PresenceUser | null {
  if (typeof value !== "object" || value === null) return null;
  const { participantId, name, color, delegation } = value as Record<string, unknown>;
  if (!isText(participantId) || !isText(name) || !isText(color)) return null;
  return { participantId, name: name.trim(), color, delegation: readDelegation(delegation) };
}
