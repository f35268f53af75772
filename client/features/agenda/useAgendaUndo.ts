import { useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { sessionsMap, workingHoursMap } from "../../../shared/schema/agendaLayout";

/**
 * Undo and redo of this person's own agenda changes: every change made here carries `origin`, and
 * the undo manager tracks that origin only, so others' edits are never taken back.
 */
export function useAgendaUndo(doc: Y.Doc) {
  const origin = useMemo(() => ({ agendaEditor: true }), []);
  const manager = useMemo(
    () =>
      new Y.UndoManager([sessionsMap(doc), workingHoursMap(doc)], {
        trackedOrigins: new Set([origin]),
        // Each button press is its own step, however quick the next one.
        captureTimeout: 0,
      }),
    [doc, origin],
  );
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const update = () => setState({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
    manager.on("stack-item-added", update);
    manager.on("stack-item-popped", update);
    manager.on("stack-cleared", update);
    return () => {
      manager.off("stack-item-added", update);
      manager.off("stack-item-popped", update);
      manager.off("stack-cleared", update);
      manager.destroy();
    };
  }, [manager]);
  return { origin, undo: () => manager.undo(), redo: () => manager.redo(), ...state };
}
