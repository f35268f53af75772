import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type {
  AgendaHistoryChange,
  CompareResult,
  HistoryAuthor,
  HistoryDirectory,
} from "../../../shared/api/history";
import { useFormatLocale } from "../../time/useFormatLocale";
import { zoneName } from "../../time/zoneNames";
import { shortDate, timeRange } from "../agenda/agendaFormat";
import { formatAgendaValue } from "./agendaValues";
import { showAuthor } from "./people";

const KINDS = ["sessionAdded", "sessionRemoved", "sessionChanged", "workingHoursChanged"] as const;

/**
 * An agenda's changes between two versions: counts above (per kind and per delegation), then each
 * added, removed or changed session with its fields before and after, every change naming the person
 * and delegation the server recorded, in the delegation's colour.
 */
export function AgendaChanges({ result }: { result: CompareResult }) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const changes = result.agenda ?? [];
  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale]);

  const perDelegation = useMemo(() => {
    const counts = new Map<string, { author: HistoryAuthor; count: number }>();
    for (const change of changes) {
      const authors = change.kind === "sessionChanged" ? change.fields.flatMap((f) => f.by) : change.by;
      for (const author of authors) {
        const key = author.participantId === null ? "\u0000" : (author.delegationId ?? "");
        const entry = counts.get(key) ?? { author, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    return [...counts.values()];
  }, [changes]);

  return (
    <section className="history-agenda" aria-label={t("agenda.changesLabel")}>
      {changes.length === 0 ? (
        <p className="history-agenda__none">{t("agenda.noChanges")}</p>
      ) : (
        <div className="history-summary">
          <ul aria-label={t("agenda.countsLabel")}>
            {KINDS.map((kind) => {
              const count = changes.filter((c) => c.kind === kind).length;
              return count > 0 ? (
                <li key={kind}>{t(`agenda.count.${kind}`, { count, n: numbers.format(count) })}</li>
              ) : null;
            })}
          </ul>
          <ul aria-label={t("agenda.byDelegationLabel")}>
            {perDelegation.map(({ author, count }) => {
              const shown = showAuthor(author, result, t);
              return (
                <li key={`${author.participantId === null}-${author.delegationId}`}>
                  <span
                    className="history-swatch"
                    style={{ backgroundColor: shown.color }}
                    aria-hidden="true"
                  />
                  {t("agenda.byDelegation", {
                    delegation: shown.delegation,
                    count,
                    n: numbers.format(count),
                  })}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <ol className="history-agenda__list">
        {changes.map((change) => (
          <ChangeItem key={`${change.kind}-${change.id}`} change={change} result={result} locale={locale} />
        ))}
      </ol>
    </section>
  );
}

function ChangeItem({
  change,
  result,
  locale,
}: {
  change: AgendaHistoryChange;
  result: CompareResult;
  locale: string;
}) {
  const { t } = useTranslation("history");
  const headingId = `history-agenda-${change.kind}-${change.id}`;
  const heading =
    change.kind === "workingHoursChanged"
      ? t("agenda.hoursOf", {
          delegation: result.delegations[change.id]?.name ?? t("agenda.unknownDelegation"),
        })
      : change.title || t("agenda.untitled");
  const context = {
    t,
    locale,
    zone: change.zone,
    directory: result,
    documents: result.documents ?? {},
  };
  return (
    <li
      className={`history-agenda__change history-agenda__change--${change.kind}`}
      aria-labelledby={headingId}
      data-session={change.kind === "workingHoursChanged" ? undefined : change.id}
    >
      <div className="history-agenda__head">
        <h3 id={headingId} className="history-agenda__title">
          {heading}
        </h3>
        <span className="history-agenda__kind">{t(`agenda.kind.${change.kind}`)}</span>
      </div>
      {change.start !== null && change.end !== null && change.zone ? (
        <p className="history-agenda__when">
          {t("agenda.when", {
            day: shortDate(change.start, change.zone, locale),
            time: timeRange(change.start, change.end, change.zone, locale),
            zone: zoneName(change.zone, locale, change.start),
          })}
        </p>
      ) : null}
      {change.kind === "sessionChanged" || change.kind === "workingHoursChanged" ? (
        <dl className="history-agenda__fields">
          {change.fields.map((field) => (
            <div key={field.field} className="history-agenda__field" data-field={field.field}>
              <dt>{t(`agenda.field.${field.field === "*" ? "whole" : field.field}`)}</dt>
              <dd>
                {field.field === "*" ? (
                  <span>{t("agenda.wholeChanged")}</span>
                ) : (
                  <span className="history-agenda__values">
                    <del className="history-agenda__before">
                      <span className="visually-hidden">{t("before")}: </span>
                      {formatAgendaValue(field.field, field.before, context)}
                    </del>
                    <span aria-hidden="true" className="history-agenda__arrow">
                      →
                    </span>
                    <ins className="history-agenda__after">
                      <span className="visually-hidden">{t("after")}: </span>
                      {formatAgendaValue(field.field, field.after, context)}
                    </ins>
                  </span>
                )}
                <Authors authors={field.by} directory={result} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <Authors authors={change.by} directory={result} kind={change.kind} />
      )}
    </li>
  );
}

/** "Changed by Ana (Recife team)", each person in their delegation's colour. */
function Authors({
  authors,
  directory,
  kind,
}: {
  authors: readonly HistoryAuthor[];
  directory: HistoryDirectory;
  kind?: AgendaHistoryChange["kind"];
}) {
  const { t } = useTranslation("history");
  if (authors.length === 0) return null;
  const verb =
    kind === "sessionAdded"
      ? "agenda.addedBy"
      : kind === "sessionRemoved"
        ? "agenda.removedBy"
        : "agenda.changedBy";
  return (
    <span className="history-agenda__by">
      {t(verb)}{" "}
      {authors.map((author) => {
        const shown = showAuthor(author, directory, t);
        return (
          <span
            key={`${author.participantId}|${author.delegationId}`}
            className="history-agenda__author"
            style={{ borderColor: shown.color }}
            data-participant={author.participantId ?? "anonymous"}
          >
            <span className="history-swatch" style={{ backgroundColor: shown.color }} aria-hidden="true" />
            {shown.anonymous
              ? shown.name
              : t("agenda.person", { name: shown.name, delegation: shown.delegation })}
          </span>
        );
      })}
    </span>
  );
}
