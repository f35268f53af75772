import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { AgendaDay as Day } from "../../../shared/schema/agendaChecks";
import type { AgendaEnv } from "./agendaEnv";
import { dayTitle, duration, timeRange } from "./agendaFormat";
import { LinkButton } from "./LinkButton";
import { type SessionActions, SessionRow } from "./SessionRow";

/** One day of the agenda in the home zone: its sessions in order, its total, and its own actions. */
export function AgendaDay({
  day,
  env,
  overlaps,
  notes,
  actions,
  onMoveDay,
  onAddToDay,
}: {
  day: Day;
  env: AgendaEnv;
  /** For each session, the titles of those it overlaps in its room/track. */
  overlaps: ReadonlyMap<string, string[]>;
  notes: ReadonlyMap<string, string>;
  actions: SessionActions;
  onMoveDay: (day: Day, days: -1 | 1) => void;
  onAddToDay: (date: string) => void;
}) {
  const { t } = useTranslation("agenda");
  const headingId = `agenda-day-${day.date}`;
  return (
    <section className="agenda-day" aria-labelledby={headingId} data-day={day.date}>
      <header className="agenda-day__header">
        <div>
          <h2 className="agenda-day__title" id={headingId}>
            {dayTitle(day.date, env.locale)}
          </h2>
          <p className="agenda-day__total">
            {t("dayTotal", {
              busy: duration(day.busyMs, env.locale),
              span: timeRange(day.firstStart, day.lastEnd, env.homeZone, env.locale),
            })}
            {day.breakMs > 0 ? ` · ${t("dayBreaks", { breaks: duration(day.breakMs, env.locale) })}` : ""}
          </p>
        </div>
        <div className="agenda-day__actions">
          {env.editable ? (
            <>
              <LinkButton onClick={() => onAddToDay(day.date)} aria-describedby={headingId}>
                {t("addToDay")}
              </LinkButton>
              <LinkButton onClick={() => onMoveDay(day, -1)} aria-describedby={headingId}>
                {t("dayEarlier")}
              </LinkButton>
              <LinkButton onClick={() => onMoveDay(day, 1)} aria-describedby={headingId}>
                {t("dayLater")}
              </LinkButton>
            </>
          ) : null}
          <a
            className="agenda-link-button"
            href={`${api.agendaCalendar(env.exchangeId, env.documentId)}?day=${day.date}`}
            download
            aria-describedby={headingId}
          >
            {t("downloadDay")}
          </a>
        </div>
      </header>
      <ol className="agenda-day__sessions">
        {day.sessions.map((session, index) => (
          <SessionRow
            key={session.id}
            session={session}
            index={index}
            count={day.sessions.length}
            notesText={notes.get(session.id) ?? ""}
            overlapsWith={overlaps.get(session.id) ?? []}
            env={env}
            actions={actions}
          />
        ))}
      </ol>
    </section>
  );
}
