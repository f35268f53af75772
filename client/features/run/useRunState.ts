import { useEffect, useState } from "react";
import type * as Y from "yjs";
import type { RevealedContribution, RunAction, RunSummary } from "../../../shared/run/runRecords";
import { type RunState, readRunState } from "../../../shared/run/runState";
import { RunLayout } from "../../../shared/schema/runLayout";

export interface RunView {
  state: RunState | null;
  contributions: RevealedContribution[];
  /** Present only once the vote closed. */
  tallies: Record<string, number> | null;
  actions: RunAction[];
  summary: RunSummary | null;
}

function read(map: Y.Map<unknown>): RunView {
  return {
    state: readRunState(map.get(RunLayout.state)),
    contributions: (map.get(RunLayout.contributions) as RevealedContribution[] | undefined) ?? [],
    tallies: (map.get(RunLayout.tallies) as Record<string, number> | undefined) ?? null,
    actions: (map.get(RunLayout.actions) as RunAction[] | undefined) ?? [],
    summary: (map.get(RunLayout.summary) as RunSummary | undefined) ?? null,
  };
}

/** The run as the server wrote it in the document's run map, live (late joiners and reloads included). */
export function useRunState(doc: Y.Doc): RunView {
  const map = doc.getMap<unknown>(RunLayout.map);
  const [view, setView] = useState(() => read(map));
  useEffect(() => {
    const update = () => setView(read(map));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [map]);
  return view;
}
