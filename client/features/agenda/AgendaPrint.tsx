import { useTranslation } from "react-i18next";
import type { AgendaDay } from "../../../shared/schema/agendaChecks";
import { isOutOfHours } from "../../../shared/schema/agendaChecks";
import { zoneName } from "../../time/zoneNames";
import { Button } from "../../ui/Button";
import type { AgendaEnv } from "./agendaEnv";
import { dayTitle, duration, languageName, list, timeRange } from "./agendaFormat";

/**
 * The agenda laid out for paper (A4, see agendaPrint.css): one table per day, a column per
 * delegation's clock, nothing interactive. Reached from the agenda's Print button; printing it
 * from the browser's own menu also works.
 */
export function AgendaPrint({
  title,
  days,
  notes,
  overlaps,
  env,
  onBack,
}: {
  title: string;
  days: AgendaDay[];
  notes: ReadonlyMap<string, string>;
  /** For each session, the titles of those it overlaps in its room/track. */
  overlaps: ReadonlyMap<string, string[]>;
  env: AgendaEnv;
  onBack: () => void;
}) {
  const { t } = useTranslation("agenda");
  const { locale } = env;
  const at = days[0]?.firstStart ?? Date.now();
  return (
    <div className="agenda-print">
      <div className="agenda-print__controls">
        <Button onClick={onBack}>{t("print.back")}</Button>
        <Button variant="primary" onClick={() => window.print()}>
          {t("print.print")}
        </Button>
      </div>
      <h1 className="agenda-print__title">{title || t("untitled")}</h1>
      <p className="agenda-print__zone">
        {t("print.homeZone", { zone: zoneName(env.homeZone, locale, at) })}
      </p>
      {days.length === 0 ? <p>{t("empty.readOnly")}</p> : null}
      {days.map((day) => (
        <section key={day.date} className="agenda-print__day">
          <h2>{dayTitle(day.date, locale)}</h2>
          <p className="agenda-print__total">
            {t("dayTotal", {
              busy: duration(day.busyMs, locale),
              span: timeRange(day.firstStart, day.lastEnd, env.homeZone, locale),
            })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{zoneName(env.homeZone, locale, day.firstStart)}</th>
                {env.delegations.map((delegation) => (
                  <th scope="col" key={delegation.id}>
                    {delegation.name}
                  </th>
                ))}
                <th scope="col">{t("print.session")}</th>
              </tr>
            </thead>
            <tbody>
              {day.sessions.map((session) => {
                const leads = session.leads
                  .map((lead) =>
                    "name" in lead
                      ? lead.name
                      : (env.participants.get(lead.participantId)?.displayName ?? ""),
                  )
                  .filter(Boolean);
                const details = [
                  t(`type.${session.type}`),
                  session.place,
                  session.track ? t("trackShown", { track: session.track }) : "",
                  session.languages.length
                    ? list(
                        session.languages.map((tag) => languageName(tag, locale)),
                        locale,
                      )
                    : "",
                  session.interpretation.length
                    ? t("print.interpretation", {
                        pairs: list(
                          session.interpretation.map((p) =>
                            t("pair", { from: languageName(p.from, locale), to: languageName(p.to, locale) }),
                          ),
                          locale,
                        ),
                      })
                    : "",
                  leads.length ? t("print.leads", { leads: list(leads, locale) }) : "",
                ].filter(Boolean);
                return (
                  <tr key={session.id}>
                    <td className="agenda-print__time">
                      {timeRange(session.start, session.end, env.homeZone, locale)}
                    </td>
                    {env.delegations.map((delegation) => (
                      <td key={delegation.id} className="agenda-print__time">
                        {timeRange(session.start, session.end, delegation.timeZone, locale)}
                        {isOutOfHours(session, delegation) ? (
                          <span className="agenda-print__late"> {t("print.outOfHoursMark")}</span>
                        ) : null}
                      </td>
                    ))}
                    <td>
                      <strong>{session.title}</strong>
                      <div className="agenda-print__details">{details.join(" · ")}</div>
                      {overlaps.get(session.id)?.length ? (
                        <div className="agenda-print__overlap">
                          {t("overlaps", { titles: list(overlaps.get(session.id) ?? [], locale) })}
                        </div>
                      ) : null}
                      {notes.get(session.id) ? (
                        <div className="agenda-print__notes">{notes.get(session.id)}</div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      {env.delegations.length > 0 ? <p className="agenda-print__legend">{t("print.legend")}</p> : null}
    </div>
  );
}
