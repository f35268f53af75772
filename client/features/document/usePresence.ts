import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { type PresenceUser, readPresenceUser } from "../../../shared/protocol/presenceUser";

/** Someone with the document open now, as the server vouches for them (it rewrites `user`). */
export interface Present extends PresenceUser {
  isSelf: boolean;
}

function readPresent(awareness: Awareness): Present[] {
  const people: Present[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = readPresenceUser((state as { user?: unknown }).user);
    if (!user) continue;
    const isSelf = clientId === awareness.clientID;
    // Several tabs or devices of one person are one presence.
    const twin = people.find((p) => p.participantId === user.participantId);
    if (twin) {
      twin.isSelf ||= isSelf;
      continue;
    }
    people.push({ ...user, isSelf });
  }
  return people;
}

/** Everyone in the room (including this device), updated as people join, leave or rename. */
export function usePresence(awareness: Awareness): Present[] {
  const [people, setPeople] = useState(() => readPresent(awareness));
  useEffect(() => {
    const onChange = () => setPeople(readPresent(awareness));
    onChange();
    awareness.on("change", onChange);
    return () => awareness.off("change", onChange);
  }, [awareness]);
  return people;
}
