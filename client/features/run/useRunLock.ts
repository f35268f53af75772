import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { type RunLocks, readRunState } from "../../../shared/run/runState";
import { RunLayout } from "../../../shared/schema/runLayout";

const NONE: RunLocks = { document: false, sections: [] };

/**
 * What a running facilitated run has locked (the server refuses others' changes there). Small on purpose:
 * the document screen reads it to make the editor read-only, without loading the run's own chunk.
 */
export function useRunLock(doc: Y.Doc | null): RunLocks {
  const [locks, setLocks] = useState<RunLocks>(NONE);
  useEffect(() => {
    if (!doc) return;
    const map = doc.getMap<unknown>(RunLayout.map);
    const update = () => {
      const state = readRunState(map.get(RunLayout.state));
      const next = state?.status === "running" ? state.locks : NONE;
      setLocks((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
    };
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return locks;
}
