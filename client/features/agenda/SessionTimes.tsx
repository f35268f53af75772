import { useTranslation } from "react-i18next";
import { isOutOfHours } from "../../../shared/schema/agendaChecks";
import type { AgendaSession } from "../../../shared/schema/agendaLayout";
import { dayOf } from "../../../shared/schema/agendaTime";
import { zoneName } from "../../time/zoneNames";
import type { AgendaEnv } from "./agendaEnv";
import { shortDate, timeRange } from "./agendaFormat";

/**
 * The session's time on every delegation's clock, side by side, and on the reader's own; a delegation
 * for whom it falls outside working hours is marked, in words as well as colour.
 */
export function SessionTimes({ session, env }: { session: AgendaSession; env: AgendaEnv }) {
  const { t } = useTranslation("agenda");
  const homeDay = dayOf(session.start, env.homeZone);
  const when = (zone: string) => {
    const range = timeRange(session.start, session.end, zone, env.locale);
    // Another calendar day than the agenda's: say which.
    return dayOf(session.start, zone) === homeDay
      ? range
      : t("otherDay", { date: shortDate(session.start, zone, env.locale), time: range });
  };
  return (
    <ul className="agenda-times" aria-label={t("timesLabel")}>
      {env.delegations.map((delegation) => {
        const late = isOutOfHours(session, delegation);
        return (
          <li
            key={delegation.id}
            className={late ? "agenda-times__zone agenda-times__zone--late" : "agenda-times__zone"}
            data-delegation={delegation.id}
          >
            <span
              className="agenda-times__dot"
              style={{ backgroundColor: delegation.color }}
              aria-hidden="true"
            />
            <span className="agenda-times__who">{delegation.name}</span>
            <span className="agenda-times__time">{when(delegation.timeZone)}</span>
            {late ? <span className="agenda-times__warning">{t("outOfHours")}</span> : null}
          </li>
        );
      })}
      <li className="agenda-times__zone agenda-times__zone--you" data-delegation="you">
        <span className="agenda-times__who">
          {t("yourTime", { zone: zoneName(env.readerZone, env.locale, session.start) })}
        </span>
        <span className="agenda-times__time">{when(env.readerZone)}</span>
      </li>
    </ul>
  );
}
