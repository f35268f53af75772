import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { deleteSession } from "../../../shared/schema/agendaEdit";
import type { AgendaRead } from "../../../shared/schema/agendaSession";
import { LinkButton } from "./LinkButton";

/**
 * Sessions that cannot be read (a crafted or future-version update wrote them): each is an error row
 * that says so and can be removed; the rest of the agenda works as usual.
 */
export function BrokenSessions({
  broken,
  doc,
  editable,
  origin,
}: {
  broken: AgendaRead["broken"];
  doc: Y.Doc;
  editable: boolean;
  origin: unknown;
}) {
  const { t } = useTranslation("agenda");
  if (broken.length === 0) return null;
  return (
    <ul className="agenda-broken" aria-label={t("broken.label")}>
      {broken.map((row) => (
        <li key={row.id} className="agenda-broken__row" data-broken-session={row.id}>
          <p>
            <strong>{row.title ? t("broken.named", { title: row.title }) : t("broken.unnamed")}</strong>{" "}
            {t("broken.explain", {
              // Each distinct problem once (a session missing every field would say the same thing ten times).
              problems: [...new Set(row.problems.map((p) => t(`error.${p.problem}`, { max: 200 })))].join(
                " ",
              ),
            })}
          </p>
          {editable ? (
            <LinkButton danger onClick={() => deleteSession(doc, row.id, origin)}>
              {t("broken.remove")}
            </LinkButton>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
