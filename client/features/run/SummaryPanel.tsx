import { useTranslation } from "react-i18next";
import type { RunSummary } from "../../../shared/run/runRecords";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { formatDue, ownerName, type People } from "./ActionsPanel";
import { formatDuration, formatMinutes, type Pairs, usePairLabel } from "./runText";

/** A closed run's summary: phases with their actual times, counts per delegation, top items, actions. */
export function SummaryPanel({
  summary,
  people,
  pairs = [],
}: {
  summary: RunSummary;
  people: People;
  /** The document's delegation pairs: a top item of a per-pair section shows its pair. */
  pairs?: Pairs;
}) {
  const { t } = useTranslation("run");
  const pairLabel = usePairLabel(pairs);
  const locale = useFormatLocale();
  const delegationName = (id: string | null) => people.delegations.find((d) => d.id === id)?.name ?? null;
  return (
    <section className="run-summary" aria-labelledby="run-summary-title">
      <h2 id="run-summary-title" className="run-section-title">
        {t("summary.title")}
      </h2>
      <p className="run-note">
        {t("summary.closedAt", {
          date: formatDateTime(summary.closedAt, locale),
        })}
      </p>
      <h3 className="run-summary__heading">{t("summary.phases")}</h3>
      <ol className="run-summary__phases">
        {summary.phases.map((phase, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: phases are a fixed list; a kind may appear twice
          <li key={`${phase.kind}-${index}`}>
            <strong>{t(`phase.${phase.kind}.name`)}</strong>{" "}
            <span className="run-note">
              {[
                phase.plannedMinutes > 0
                  ? t("summary.planned", { duration: formatMinutes(phase.plannedMinutes, locale) })
                  : null,
                phase.skipped
                  ? t("summary.skipped")
                  : phase.actualMs === null
                    ? t("summary.notRun")
                    : t("summary.actual", { duration: formatDuration(phase.actualMs, locale) }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </li>
        ))}
      </ol>
      <h3 className="run-summary__heading">{t("summary.perDelegation")}</h3>
      {summary.anonymous ? <p className="run-note">{t("summary.anonymousNote")}</p> : null}
      <table className="run-summary__table">
        <thead>
          <tr>
            <th scope="col">{t("summary.delegation")}</th>
            <th scope="col">{t("summary.contributionsCol")}</th>
            <th scope="col">{t("summary.votesCol")}</th>
          </tr>
        </thead>
        <tbody>
          {summary.perDelegation.map((row) => (
            <tr key={row.delegationId ?? "none"} data-delegation={row.delegationId ?? ""}>
              <th scope="row">
                {row.delegationName ?? delegationName(row.delegationId) ?? t("summary.noDelegation")}
              </th>
              <td>{new Intl.NumberFormat(locale).format(row.contributions)}</td>
              <td>{new Intl.NumberFormat(locale).format(row.votes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="run-summary__heading">{t("summary.top")}</h3>
      {summary.top.length === 0 ? (
        <p className="run-note">{t("summary.noTop")}</p>
      ) : (
        <ol className="run-summary__top">
          {summary.top.map((item) => (
            <li key={item.contributionId}>
              {item.text} <PairNote pair={pairLabel(item.pairIndex)} />
              <span className="run-note">({t("contributions.votes", { count: item.votes })})</span>
            </li>
          ))}
        </ol>
      )}
      <h3 className="run-summary__heading">{t("summary.actions")}</h3>
      {summary.actions.length === 0 ? (
        <p className="run-note">{t("summary.noActions")}</p>
      ) : (
        <ul className="run-summary__actions">
          {summary.actions.map((action) => (
            <li key={action.id}>
              {action.what}{" "}
              <span className="run-note">
                (
                {[
                  ownerName(action, people, t("actions.ownerNobody")),
                  delegationName(action.delegationId),
                  action.due ? t("actions.dueOn", { date: formatDue(action.due, locale) }) : null,
                  t(`actions.statusValue.${action.status}`),
                ]
                  .filter(Boolean)
                  .join(" · ")}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "(Recife team → Bristol council)" after a top item of a per-pair section, read as a sentence. */
function PairNote({ pair }: { pair: { text: string; spoken: string } | null }) {
  if (!pair) return null;
  return (
    <span className="run-note">
      <span aria-hidden="true">{pair.text}</span>
      <span className="visually-hidden">{pair.spoken}</span>{" "}
    </span>
  );
}
