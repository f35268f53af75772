import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import type { DocumentSummaryEntry, ExchangeAction } from "../../../shared/run/runRecords";
import { useResource } from "../../api/useResource";
import { AppLink } from "../../navigation/AppLink";
import { documentPath } from "../../navigation/paths";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { delegationChoices, formatDue, ownerName, useStatusChoices } from "./ActionsPanel";
import { ChoiceField } from "./ChoiceField";
import { useRunStrings } from "./runStrings";
import { installRunStyles } from "./runStyles";

installRunStyles();

/**
 * The exchange page's actions across every document's runs, filterable by delegation, owner and status,
 * and the runs' summaries. Its own chunk, loaded with the exchange page's cards.
 */
export default function ExchangeActionsCard({ view }: { view: ExchangeView }) {
  const { t } = useTranslation("run");
  const locale = useFormatLocale();
  const stringsReady = useRunStrings();
  const statusChoices = useStatusChoices();
  const exchangeId = view.exchange.id;
  const [runs, reload] = useResource<{ actions: ExchangeAction[]; summaries: DocumentSummaryEntry[] }>(
    api.exchangeRuns(exchangeId),
  );
  const [delegation, setDelegation] = useState("");
  const [owner, setOwner] = useState("");
  const [status, setStatus] = useState("");
  const people = { participants: view.participants, delegations: view.delegations };
  const nobody = t("actions.ownerNobody");
  const actions = runs.state === "ready" ? runs.data.actions : [];
  const owners = [...new Set(actions.map((a) => ownerName(a, people, nobody)))].sort((a, b) =>
    a.localeCompare(b, locale),
  );
  const shown = actions.filter(
    (a) =>
      (delegation === "" || a.delegationId === delegation) &&
      (owner === "" || ownerName(a, people, nobody) === owner) &&
      (status === "" || a.status === status),
  );
  const delegationName = (id: string | null) => view.delegations.find((d) => d.id === id)?.name ?? null;
  if (!stringsReady) return null;
  return (
    <Card title={t("exchange.title")} titleId="run-actions-card-title" className="run-actions-card">
      {runs.state === "loading" ? (
        <p className="run-note">{t("exchange.loading")}</p>
      ) : runs.state === "failed" ? (
        <div>
          <p className="run-note run-note--error">{t("exchange.failed")}</p>
          <Button onClick={() => void reload()}>{t("exchange.retry")}</Button>
        </div>
      ) : actions.length === 0 && runs.data.summaries.length === 0 ? (
        <p className="run-note">{t("exchange.empty")}</p>
      ) : (
        <>
          <div className="run-action-form__row">
            <ChoiceField
              label={t("exchange.filterDelegation")}
              value={delegation}
              empty={t("exchange.all")}
              choices={delegationChoices(view.delegations)}
              onChoose={setDelegation}
            />
            <ChoiceField
              label={t("exchange.filterOwner")}
              value={owner}
              empty={t("exchange.all")}
              choices={owners.map((name) => ({ value: name, label: name }))}
              onChoose={setOwner}
            />
            <ChoiceField
              label={t("exchange.filterStatus")}
              value={status}
              empty={t("exchange.all")}
              choices={statusChoices}
              onChoose={setStatus}
            />
          </div>
          {shown.length === 0 ? (
            <p className="run-note">{actions.length === 0 ? t("actions.none") : t("exchange.noMatch")}</p>
          ) : (
            <ul className="run-actions__list run-actions-card__list">
              {shown.map((action) => (
                <li key={action.id} className="run-action" data-action={action.id}>
                  <p className="run-action__what">{action.what}</p>
                  <p className="run-action__meta">
                    {[
                      ownerName(action, people, nobody),
                      delegationName(action.delegationId),
                      action.due ? t("actions.dueOn", { date: formatDue(action.due, locale) }) : null,
                      t(`actions.statusValue.${action.status}`),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  <AppLink
                    to={documentPath({ exchangeId, documentId: action.documentId })}
                    className="run-action__from"
                  >
                    {t("actions.from", { document: action.documentTitle })}
                  </AppLink>
                </li>
              ))}
            </ul>
          )}
          {runs.data.summaries.length > 0 ? (
            <>
              <h3 className="run-summary__heading">{t("exchange.summaries")}</h3>
              <ul className="run-actions__list">
                {runs.data.summaries.map((entry) => (
                  <li key={entry.documentId} className="run-action" data-summary={entry.documentId}>
                    <AppLink to={documentPath({ exchangeId, documentId: entry.documentId })}>
                      {t("exchange.openDocument", { document: entry.documentTitle })}
                    </AppLink>
                    <p className="run-action__meta">
                      {t("exchange.summaryLine", {
                        contributions: t("exchange.contributions", {
                          count: entry.summary.perDelegation.reduce((n, r) => n + r.contributions, 0),
                        }),
                        actions: t("exchange.actionsCount", { count: entry.summary.actions.length }),
                      })}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Card>
  );
}
