import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import { initialsOf } from "../../identity/userColor";
import { Avatar } from "../../ui/Avatar";
import { usePresence } from "./usePresence";

const MAX_SHOWN = 5;

/** Who is here: your own avatar first, then the others by name in the reader's collation order. */
export function PresenceList({ awareness }: { awareness: Awareness }) {
  const { t, i18n } = useTranslation("document");
  const collator = new Intl.Collator(i18n.language);
  const people = usePresence(awareness).sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.name, b.name),
  );
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.length - shown.length;
  const names = people.map((person) =>
    person.isSelf ? t("presence.you", { name: person.name }) : person.name,
  );
  const listFormat = new Intl.ListFormat(i18n.language, { type: "conjunction" });
  return (
    <ul
      className="presence__list"
      aria-label={t("presence.label", { count: people.length })}
      title={listFormat.format(names)}
    >
      {shown.map((person) => {
        const title = person.isSelf ? t("presence.you", { name: person.name }) : person.name;
        return (
          <li key={person.clientId} className="presence__item">
            <Avatar initials={initialsOf(person.name)} color={person.color} title={title} />
            <span className="visually-hidden">{title}</span>
          </li>
        );
      })}
      {hidden > 0 ? (
        <li className="presence__item presence__more" title={listFormat.format(names.slice(MAX_SHOWN))}>
          <span aria-hidden="true">+{hidden}</span>
          <span className="visually-hidden">{t("presence.more", { count: hidden })}</span>
        </li>
      ) : null}
    </ul>
  );
}
