import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";

/** Someone with the document open now, as their client announces it. */
export interface Present {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

function readPresent(awareness: Awareness): Present[] {
  const people: Present[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== "string" || !user.name.trim()) continue;
    people.push({
      clientId,
      name: user.name.trim(),
      color: typeof user.color === "string" ? user.color : "#5b6270",
      isSelf: clientId === awareness.clientID,
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
