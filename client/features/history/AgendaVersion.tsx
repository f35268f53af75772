import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaHistorySession } from "../../../shared/api/history";
import type { AgendaSession } from "../../../shared/schema/agendaLayout";
import { dayOf } from "../../../shared/schema/agendaTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { zoneName } from "../../time/zoneNames";
import { dayTitle, duration, languageName, list, timeRange } from "../agenda/agendaFormat";

/** A session as listed: the replay's summary, or the whole session in a version view. */
type ShownSession = AgendaHistorySession & Partial<Pick<AgendaSession, "leads" | "documents" | "link">>;

/**
 * An agenda as it was at a version (or a replay step), read-only: its days, and in each the sessions
 * with their times in the zone they were entered in, type, place and languages. Days are the
 * sessions' own calendar days (the version does not know the exchange's home zone of today).
 */
export function AgendaVersion({
  sessions,
  notes,
  broken = 0,
  people,
  documents,
}: {
  sessions: readonly ShownSession[];
  /** Names of the exchange's people and titles of its documents (for leads and linked documents). */
  people?: ReadonlyMap<string, string>;
  documents?: ReadonlyMap<string, string>;
  /** Each session's notes as text, where it has any. */
  notes?: ReadonlyMap<string, string>;
  /** Sessions a crafted update made unreadable. */
  broken?: number;
}) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const days = useMemo(() => {
    const byDay = new Map<string, ShownSession[]>();
    for (const session of sessions) {
      const date = dayOf(session.start, session.zone);
      byDay.set(date, [...(byDay.get(date) ?? []), session]);
    }
    return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }, [sessions]);

  return (
    <section className="history-agenda-version" aria-label={t("agenda.sessionsLabel")}>
      {days.length === 0 ? <p className="history-view__note">{t("agenda.noSessions")}</p> : null}
      {broken > 0 ? <p className="history__error">{t("agenda.broken", { count: broken })}</p> : null}
      {days.map(([date, daySessions]) => (
        <section key={date} className="history-agenda-version__day" aria-labelledby={`history-day-${date}`}>
          <h3 id={`history-day-${date}`} className="history-agenda-version__date">
            {dayTitle(date, locale)}
          </h3>
          <ol className="history-agenda-version__sessions">
            {daySessions.map((session) => (
              <li key={session.id} className="history-agenda-version__session" data-session={session.id}>
                <p className="history-agenda-version__time">
                  {timeRange(session.start, session.end, session.zone, locale)}{" "}
                  <span className="history-agenda-version__zone">
                    {zoneName(session.zone, locale, session.start)} ·{" "}
                    {duration(session.end - session.start, locale)}
                  </span>
                </p>
                <p className="history-agenda-version__title">
                  <strong>{session.title}</strong>{" "}
                  <span className="history-agenda__kind">
                    {t(`agenda.type.${session.type}`, { defaultValue: session.type })}
                  </span>
                </p>
                {session.place || session.track || session.languages.length > 0 ? (
                  <p className="history-agenda-version__meta">
                    {[
                      session.place,
                      session.track,
                      session.languages.length > 0
                        ? list(
                            session.languages.map((tag) => languageName(tag, locale)),
                            locale,
                          )
                        : "",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                ) : null}
                {session.leads && session.leads.length > 0 ? (
                  <p className="history-agenda-version__meta">
                    {t("agenda.ledBy", {
                      names: list(
                        session.leads.map((lead) =>
                          "name" in lead
                            ? lead.name
                            : (people?.get(lead.participantId) ?? t("unknownPerson")),
                        ),
                        locale,
                      ),
                    })}
                  </p>
                ) : null}
                {session.documents && session.documents.length > 0 ? (
                  <p className="history-agenda-version__meta">
                    {t("agenda.linked", {
                      titles: list(
                        session.documents.map((id) => documents?.get(id) ?? t("agenda.unknownDocument")),
                        locale,
                      ),
                    })}
                  </p>
                ) : null}
                {session.link ? (
                  <p className="history-agenda-version__meta history-agenda-version__link">{session.link}</p>
                ) : null}
                {notes?.get(session.id) ? (
                  <p className="history-agenda-version__notes">{notes.get(session.id)}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}
