import type { DragEvent, KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { AgendaSession } from "../../../shared/schema/agendaLayout";
import { AppLink } from "../../navigation/AppLink";
import { documentPath } from "../../navigation/paths";
import { Badge } from "../../ui/Badge";
import type { AgendaEnv } from "./agendaEnv";
import { duration, languageName, list, timeRange } from "./agendaFormat";
import { LinkButton } from "./LinkButton";
import { SessionTimes } from "./SessionTimes";

export interface SessionActions {
  edit: (session: AgendaSession) => void;
  duplicate: (session: AgendaSession) => void;
  remove: (session: AgendaSession) => void;
  /** Moves the session one place earlier (-1) or later (+1) in its day. */
  move: (session: AgendaSession, step: -1 | 1) => void;
  /** Drops the dragged session onto this one's place. */
  drop: (draggedId: string, onto: AgendaSession) => void;
}

/** One session: its time at home and on every delegation's clock, what it is, who leads, where. */
export function SessionRow({
  session,
  index,
  count,
  notesText,
  overlapsWith,
  env,
  actions,
}: {
  session: AgendaSession;
  index: number;
  count: number;
  notesText: string;
  overlapsWith: string[];
  env: AgendaEnv;
  actions: SessionActions;
}) {
  const { t } = useTranslation("agenda");
  const { locale } = env;
  // Each action button is described by its session's title ("Edit", of "Opening plenary").
  const titleId = `agenda-title-${session.id}`;
  const leads = session.leads
    .map((lead) =>
      "name" in lead ? lead.name : (env.participants.get(lead.participantId)?.displayName ?? ""),
    )
    .filter(Boolean);
  const linked = session.documents
    .map((id) => env.documents.find((document) => document.id === id))
    .filter((document) => document !== undefined);

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!env.editable || !event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    actions.move(session, event.key === "ArrowUp" ? -1 : 1);
  };
  const drag = env.editable
    ? {
        draggable: true,
        onDragStart: (event: DragEvent) => {
          event.dataTransfer.setData("application/x-mutual-session", session.id);
          event.dataTransfer.effectAllowed = "move";
        },
        onDragOver: (event: DragEvent) => {
          if (event.dataTransfer.types.includes("application/x-mutual-session")) event.preventDefault();
        },
        onDrop: (event: DragEvent) => {
          const dragged = event.dataTransfer.getData("application/x-mutual-session");
          if (!dragged || dragged === session.id) return;
          event.preventDefault();
          actions.drop(dragged, session);
        },
      }
    : {};

  return (
    <li
      className={`agenda-session agenda-session--${session.type}`}
      data-session={session.id}
      onKeyDown={onKeyDown}
      {...drag}
    >
      <div className="agenda-session__head">
        <p className="agenda-session__when">
          <span className="agenda-session__range">
            {timeRange(session.start, session.end, env.homeZone, locale)}
          </span>
          <span className="agenda-session__length">{duration(session.end - session.start, locale)}</span>
        </p>
        <div className="agenda-session__what">
          <h3 className="agenda-session__title" id={titleId}>
            {session.title}
          </h3>
          <Badge tone={session.type === "break" ? "neutral" : "accent"}>{t(`type.${session.type}`)}</Badge>
        </div>
      </div>
      <dl className="agenda-session__facts">
        {session.place || session.track ? (
          <div>
            <dt>{t("field.place")}</dt>
            <dd>
              {[session.place, session.track ? t("trackShown", { track: session.track }) : ""]
                .filter(Boolean)
                .join(" · ")}
            </dd>
          </div>
        ) : null}
        {session.link ? (
          <div>
            <dt>{t("field.link")}</dt>
            <dd>
              <a href={session.link} target="_blank" rel="noopener noreferrer">
                {session.link}
              </a>
            </dd>
          </div>
        ) : null}
        {session.languages.length > 0 ? (
          <div>
            <dt>{t("field.languages")}</dt>
            <dd>
              {list(
                session.languages.map((tag) => languageName(tag, locale)),
                locale,
              )}
            </dd>
          </div>
        ) : null}
        {session.interpretation.length > 0 ? (
          <div>
            <dt>{t("field.interpretation")}</dt>
            <dd>
              {list(
                session.interpretation.map((pair) =>
                  t("pair", { from: languageName(pair.from, locale), to: languageName(pair.to, locale) }),
                ),
                locale,
              )}
            </dd>
          </div>
        ) : null}
        {leads.length > 0 ? (
          <div>
            <dt>{t("field.leads")}</dt>
            <dd>{list(leads, locale)}</dd>
          </div>
        ) : null}
        {linked.length > 0 ? (
          <div>
            <dt>{t("field.documents")}</dt>
            <dd className="agenda-session__documents">
              {linked.map((document) => (
                <AppLink
                  key={document.id}
                  to={documentPath({ exchangeId: env.exchangeId, documentId: document.id })}
                >
                  {document.title}
                </AppLink>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      {notesText ? <p className="agenda-session__notes">{notesText}</p> : null}
      <SessionTimes session={session} env={env} />
      {overlapsWith.length > 0 ? (
        <p className="agenda-session__overlap" role="note">
          {t("overlaps", { titles: list(overlapsWith, locale) })}
        </p>
      ) : null}
      <div className="agenda-session__actions">
        {env.editable ? (
          <>
            <LinkButton aria-describedby={titleId} onClick={() => actions.edit(session)}>
              {t("edit")}
            </LinkButton>
            <LinkButton
              aria-describedby={titleId}
              onClick={() => actions.move(session, -1)}
              disabled={index === 0}
              aria-keyshortcuts="Alt+ArrowUp"
              title={t("moveEarlierHint")}
            >
              {t("moveEarlier")}
            </LinkButton>
            <LinkButton
              aria-describedby={titleId}
              onClick={() => actions.move(session, 1)}
              disabled={index === count - 1}
              aria-keyshortcuts="Alt+ArrowDown"
              title={t("moveLaterHint")}
            >
              {t("moveLater")}
            </LinkButton>
            <LinkButton aria-describedby={titleId} onClick={() => actions.duplicate(session)}>
              {t("duplicate")}
            </LinkButton>
            <LinkButton danger aria-describedby={titleId} onClick={() => actions.remove(session)}>
              {t("delete")}
            </LinkButton>
          </>
        ) : null}
        <a
          aria-describedby={titleId}
          className="agenda-link-button"
          href={`${api.agendaCalendar(env.exchangeId, env.documentId)}?session=${encodeURIComponent(session.id)}`}
          download
        >
          {t("downloadSession")}
        </a>
      </div>
    </li>
  );
}
