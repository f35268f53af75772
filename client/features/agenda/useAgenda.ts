import { useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { sessionsMap, workingHoursMap } from "../../../shared/schema/agendaLayout";
import { type AgendaRead, readAgenda } from "../../../shared/schema/agendaSession";

/** The agenda read from its Y.Doc, read again after every change (anyone's). */
export function useAgenda(doc: Y.Doc): { agenda: AgendaRead; version: number } {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const sessions = sessionsMap(doc);
    const hours = workingHoursMap(doc);
    const bump = () => setVersion((v) => v + 1);
    sessions.observeDeep(bump);
    hours.observe(bump);
    return () => {
      sessions.unobserveDeep(bump);
      hours.unobserve(bump);
    };
  }, [doc]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal that the doc changed
  const agenda = useMemo(() => readAgenda(doc), [doc, version]);
  return { agenda, version };
}
