import { type RefObject, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { findCaret } from "../../editor/caret";
import { useNow } from "../../i18n/useNow";
import { initialsOf } from "../../identity/userColor";
import { languageName } from "../../membership/labels";
import { localTime, utcOffset } from "../../time/timeZones";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Avatar } from "../../ui/Avatar";
import { Swatch } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import type { Present } from "./usePresence";
import "../../ui/popover.css";

/**
 * Everyone with the document open: their delegation, its working language and the hour where they
 * are, so a co-author in another country knows who is writing and whether it is late for them;
 * "Show" scrolls to where someone's caret is.
 * Escape, a click elsewhere or the focus moving on closes it; Escape returns focus to the avatars.
 */
export function PresencePanel({
  id,
  people,
  onClose,
  toggleRef,
}: {
  id: string;
  people: readonly Present[];
  onClose: (returnFocus: boolean) => void;
  toggleRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t, i18n } = useTranslation(["document", "participants"]);
  const locale = i18n.language;
  const dateLocale = useFormatLocale();
  const now = useNow();
  const rootRef = useRef<HTMLDivElement>(null);
  const headingId = `${id}-title`;

  useEffect(() => {
    rootRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      // The toggle closes it by itself; closing here too would reopen it.
      if (rootRef.current?.contains(target) || toggleRef.current?.contains(target)) return;
      onClose(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [onClose, toggleRef]);

  const jumpTo = (participantId: string) => {
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    findCaret(participantId)?.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    onClose(true);
  };

  return (
    <div
      ref={rootRef}
      id={id}
      className="popover presence-panel"
      role="dialog"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose(true);
        }
      }}
      onBlur={(event) => {
        // Tabbing out of it closes it, as a click elsewhere does.
        const next = event.relatedTarget;
        if (next && !rootRef.current?.contains(next) && !toggleRef.current?.contains(next)) onClose(false);
      }}
    >
      <h2 id={headingId} className="presence-panel__title">
        {t("document:presence.title")}
      </h2>
      <ul className="presence-panel__list">
        {people.map((person) => (
          <li key={person.participantId} className="presence-panel__person">
            <Avatar initials={initialsOf(person.name)} color={person.color} title="" />
            <div className="presence-panel__text">
              <span className="presence-panel__name">
                {person.isSelf ? t("document:presence.you", { name: person.name }) : person.name}
              </span>
              {person.delegation ? (
                <>
                  <span className="presence-panel__meta">
                    <Swatch color={person.color} />
                    {person.delegation.name}
                  </span>
                  <span className="presence-panel__meta">
                    {t("document:presence.workingLanguage", {
                      language: languageName(person.delegation.workingLanguage, locale),
                    })}
                  </span>
                  <span className="presence-panel__meta">
                    {t("document:presence.localTime", {
                      time: localTime(person.delegation.timeZone, dateLocale, now),
                      offset: utcOffset(person.delegation.timeZone, dateLocale, now),
                    })}
                  </span>
                </>
              ) : (
                <span className="presence-panel__meta">{t("participants:noDelegation")}</span>
              )}
            </div>
            {!person.isSelf && findCaret(person.participantId) ? (
              <Button
                variant="ghost"
                className="presence-panel__jump"
                aria-label={t("document:presence.jumpTo", { name: person.name })}
                onClick={() => jumpTo(person.participantId)}
              >
                {t("document:presence.jump")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
