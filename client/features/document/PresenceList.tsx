import { useCallback, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import { initialsOf } from "../../identity/userColor";
import { Avatar } from "../../ui/Avatar";
import { PresencePanel } from "./PresencePanel";
import { usePresence } from "./usePresence";

const MAX_SHOWN = 5;

/**
 * Who is here: your own avatar first, then the others by name in the reader's collation order.
 * The avatars are a button that opens where each person writes from, in which language, at what hour.
 */
export function PresenceList({ awareness }: { awareness: Awareness }) {
  const { t, i18n } = useTranslation("document");
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const collator = new Intl.Collator(i18n.language);
  const people = usePresence(awareness).sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.name, b.name),
  );
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.length - shown.length;
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    // Without scrolling: after a jump to someone's caret the page stays where they are.
    if (returnFocus) toggleRef.current?.focus({ preventScroll: true });
  }, []);

  if (people.length === 0) return null;
  return (
    <>
      <button
        ref={toggleRef}
        type="button"
        className="presence__toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <span className="visually-hidden">{t("presence.label", { count: people.length })}</span>
        <span className="presence__stack" aria-hidden="true">
          {shown.map((person) => (
            <Avatar
              key={person.participantId}
              initials={initialsOf(person.name)}
              color={person.color}
              title={person.isSelf ? t("presence.you", { name: person.name }) : person.name}
            />
          ))}
          {hidden > 0 ? <span className="presence__more">+{hidden}</span> : null}
        </span>
      </button>
      {open ? <PresencePanel id={panelId} people={people} onClose={close} toggleRef={toggleRef} /> : null}
    </>
  );
}
