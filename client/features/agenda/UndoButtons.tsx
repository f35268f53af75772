import { useTranslation } from "react-i18next";
import { IconButton } from "../../ui/IconButton";
import { RedoIcon, UndoIcon } from "../../ui/icons";
import type { useAgendaUndo } from "./useAgendaUndo";

// The two directions differ only in these; the keys are those the agenda handles (AgendaView's onKeyDown).
const STEPS = [
  { step: "undo", possible: "canUndo", keys: "Control+Z", icon: <UndoIcon /> },
  { step: "redo", possible: "canRedo", keys: "Control+Y", icon: <RedoIcon /> },
] as const;

/** Undo and redo of this person's own agenda changes, as toolbar buttons. */
export function UndoButtons({ undo }: { undo: ReturnType<typeof useAgendaUndo> }) {
  const { t } = useTranslation("agenda");
  return STEPS.map(({ step, possible, keys, icon }) => (
    <IconButton
      key={step}
      label={t(step)}
      hint={t(`${step}Hint`)}
      onClick={undo[step]}
      disabled={!undo[possible]}
      aria-keyshortcuts={keys}
    >
      {icon}
    </IconButton>
  ));
}
