import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";

/** Someone with the document open now; name and colour are the server's (it rewrites `user`). */
export interface Present {
  clientId: number;
  /** Vouched by the server; several tabs of one person share it. */
  participantId: string | null;
  name: string;
  color: string;
  isSelf: boolean;
}

function readPresent(awareness: Awareness): Present[] {
  const people: Present[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown; participantId?: unknown } }).user;
    if (!user || typeof user.name !== "string" || !user.name.trim()) continue;
    const participantId = typeof user.participantId === "string" ? user.participantId : null;
    const isSelf = clientId === awareness.clientID;
    const twin = participantId ? people.find((p) => p.participantId === participantId) : undefined;
    if (twin) {
      twin.isSelf ||= isSelf;
      continue;
    }
    people.push({
      clientId,
      participantId,
      name: user.name.trim(),
      color: typeof user.color === "string" ? user.color : "#5b6270",
      isSelf,
    });
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
