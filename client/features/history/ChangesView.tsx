import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  CompareResult,
  HistoryChangeAttrs,
  HistoryNode,
  VersionSummary,
} from "../../../shared/api/history";
import type { ApiFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { Loading } from "../../layout/LoadStates";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { AgendaChanges } from "./AgendaChanges";
import type { HistoryApi } from "./historyApi";
import { JsonDocument } from "./JsonDocument";
import { showAuthor } from "./people";

/** The label of each kind of change ("…Anonymous" when nobody may be named). */
const CHANGE_LABEL = { insert: "inserted", delete: "deleted", format: "formatted" } as const;

/**
 * What changed from one version to another: insertions, deletions and formatting changes in the colour
 * of the delegation that made them (the person's name on hover and focus), inline or side by side, with words added and
 * removed per delegation above.
 */
export function ChangesView({
  api,
  version,
  versions,
}: {
  api: HistoryApi;
  version: VersionSummary;
  /** The loaded timeline, newest first: what can be compared with. */
  versions: readonly VersionSummary[];
}) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const errorText = useErrorText();
  const index = versions.findIndex((v) => v.id === version.id);
  const previousId = versions[index + 1]?.id ?? 0;
  const [fromId, setFromId] = useState(previousId);
  useEffect(() => setFromId(previousId), [previousId]);
  const [layout, setLayout] = useState<"inline" | "side">("inline");
  const [result, setResult] = useState<CompareResult | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  useEffect(() => {
    let current = true;
    setResult(null);
    setFailure(null);
    api.compare(fromId, version.id).then(
      (answer) => current && setResult(answer),
      (error: ApiFailure) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [api, fromId, version.id]);

  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const describe = useMemo(
    () =>
      (attrs: HistoryChangeAttrs): { color: string; label: string } => {
        const directory = result ?? { people: {}, delegations: {} };
        const shown = showAuthor(attrs, directory, t);
        const key = CHANGE_LABEL[attrs.kind] ?? "inserted";
        if (shown.anonymous) return { color: shown.color, label: t(`${key}Anonymous`) };
        return {
          color: shown.color,
          label: t(key, { name: shown.name, delegation: shown.delegation }),
        };
      },
    [result, t],
  );

  const fromLabelId = `history-compare-from-${version.id}`;
  // An agenda's general notes (where agendas made before the structured agenda keep their text) are
  // compared as text below its sessions; when they are empty on both sides they take no room.
  const notesShown = !result?.agenda || hasText(result.doc);
  return (
    <div className="history-changes">
      <div className="history-changes__controls">
        <label htmlFor={fromLabelId}>{t("compareWith")}</label>
        <select id={fromLabelId} value={fromId} onChange={(event) => setFromId(Number(event.target.value))}>
          {versions.slice(index + 1).map((v, i) => (
            <option key={v.id} value={v.id}>
              {i === 0 ? `${t("previous")} · ` : ""}
              {v.name ? `${v.name} · ` : ""}
              {formatDateTime(v.createdAt, locale)}
            </option>
          ))}
          <option value={0}>{t("emptyDocument")}</option>
        </select>
        {notesShown ? (
          <fieldset className="history-segmented">
            <legend className="visually-hidden">{t("layout.label")}</legend>
            {(["inline", "side"] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={layout === option}
                onClick={() => setLayout(option)}
              >
                {t(`layout.${option}`)}
              </button>
            ))}
          </fieldset>
        ) : null}
      </div>
      {failure ? (
        <p className="history__error" role="alert">
          {errorText.failure(failure)}
        </p>
      ) : !result ? (
        <Loading label={t("loading")} />
      ) : (
        <>
          {result.agenda ? <AgendaChanges result={result} /> : null}
          {result.agenda && notesShown ? (
            <h3 className="history-side__title">{t("agenda.generalNotes")}</h3>
          ) : null}
          {notesShown ? (
            <>
              <section className="history-summary" aria-label={t("summaryLabel")}>
                {result.totals.length === 0 ? (
                  <p>{t("noChanges")}</p>
                ) : (
                  <ul>
                    {result.totals.map((total) => {
                      const shown = showAuthor(
                        {
                          participantId: total.anonymous ? null : (total.participantIds[0] ?? ""),
                          delegationId: total.delegationId,
                        },
                        result,
                        t,
                      );
                      return (
                        <li key={`${total.anonymous}-${total.delegationId}`}>
                          <span
                            className="history-swatch"
                            style={{ backgroundColor: shown.color }}
                            aria-hidden="true"
                          />
                          {t("summary", {
                            delegation: shown.delegation,
                            added: numbers.format(total.added),
                            removed: numbers.format(total.removed),
                          })}
                        </li>
                      );
                    })}
                  </ul>
                )}
                <p className="history-summary__legend">{t("legend")}</p>
              </section>
              {layout === "inline" ? (
                <JsonDocument doc={result.doc} describe={describe} label={t("mode.compare")} />
              ) : (
                <div className="history-side">
                  {/* One document twice: each side's class (history.css) hides the other side's changes. */}
                  {(["before", "after"] as const).map((side) => (
                    <section key={side} aria-label={t(side)}>
                      <h3 className="history-side__title">{t(side)}</h3>
                      <JsonDocument
                        doc={result.doc}
                        describe={describe}
                        label={t(side)}
                        className={`history-doc--${side}`}
                      />
                    </section>
                  ))}
                </div>
              )}
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

/** Whether a rendered document holds any text (an agenda's general notes are often empty). */
function hasText(node: HistoryNode): boolean {
  return Boolean(node.text) || (node.content ?? []).some(hasText);
}
