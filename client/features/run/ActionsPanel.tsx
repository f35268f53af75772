import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Delegation, Participant } from "../../../shared/domain";
import { ACTION_STATUSES, type ActionStatus, LIMITS, type RunAction } from "../../../shared/run/runRecords";
import { type ApiFailure, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { type Choice, ChoiceField } from "./ChoiceField";
import type { RunApi } from "./runApi";

export interface People {
  participants: Participant[];
  delegations: Delegation[];
}

/** Who owns an action, as the reader sees it. */
export function ownerName(action: Pick<RunAction, "owner">, people: People, nobody: string): string {
  if (!action.owner) return nobody;
  if ("name" in action.owner) return action.owner.name;
  const participantId = action.owner.participantId;
  return people.participants.find((p) => p.id === participantId)?.displayName ?? nobody;
}

export function formatDue(due: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${due}T00:00:00Z`),
  );
}

/** The action statuses as choices, in the reader's language. */
export function useStatusChoices(): Choice[] {
  const { t } = useTranslation("run");
  return ACTION_STATUSES.map((status) => ({ value: status, label: t(`actions.statusValue.${status}`) }));
}

export const delegationChoices = (delegations: readonly Delegation[]): Choice[] =>
  delegations.map((d) => ({ value: d.id, label: d.name }));

/** The run's actions: status kept up to date by those who may act; a form for a new one. */
export function ActionsPanel({
  actions,
  people,
  canAct,
  draft,
  api,
  onDraftDone,
}: {
  actions: RunAction[];
  people: People;
  canAct: boolean;
  /** A new action being made (from a contribution, or empty), or null. */
  draft: { what: string; contributionId: string | null } | null;
  api: RunApi;
  onDraftDone: () => void;
}) {
  const { t } = useTranslation("run");
  const locale = useFormatLocale();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const errors = useErrorText();
  const statusChoices = useStatusChoices();
  const delegationName = (id: string | null) => people.delegations.find((d) => d.id === id)?.name ?? null;
  return (
    <section className="run-actions" aria-labelledby="run-actions-title">
      <h2 id="run-actions-title" className="run-section-title">
        {t("actions.title")}
      </h2>
      {actions.length === 0 ? <p className="run-note">{t("actions.none")}</p> : null}
      <ul className="run-actions__list">
        {actions.map((action) => (
          <li key={action.id} className="run-action" data-action={action.id}>
            <p className="run-action__what">{action.what}</p>
            <p className="run-action__meta">
              {[
                ownerName(action, people, t("actions.ownerNobody")),
                delegationName(action.delegationId),
                action.due ? t("actions.dueOn", { date: formatDue(action.due, locale) }) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {canAct ? (
              <ChoiceField
                label={t("actions.status")}
                inline
                value={action.status}
                choices={statusChoices}
                onChoose={async (status) => {
                  setFailure(null);
                  try {
                    await api.updateAction(action.id, { status: status as ActionStatus });
                  } catch (error) {
                    setFailure(asFailure(error));
                  }
                }}
              />
            ) : (
              <span className="run-action__status">{t(`actions.statusValue.${action.status}`)}</span>
            )}
          </li>
        ))}
      </ul>
      {failure ? (
        <p className="run-note run-note--error" role="alert">
          {errors.failure(failure)}
        </p>
      ) : null}
      {canAct && draft ? (
        <ActionForm
          key={`${draft.contributionId}-${draft.what}`}
          draft={draft}
          people={people}
          api={api}
          onDone={onDraftDone}
        />
      ) : null}
    </section>
  );
}

function ActionForm({
  draft,
  people,
  api,
  onDone,
}: {
  draft: { what: string; contributionId: string | null };
  people: People;
  api: RunApi;
  onDone: () => void;
}) {
  const { t } = useTranslation("run");
  const errors = useErrorText();
  const [what, setWhat] = useState(draft.what.slice(0, LIMITS.actionText));
  const [owner, setOwner] = useState("");
  const [ownerName, setOwnerName] = useState("");
  const [delegationId, setDelegationId] = useState("");
  const [due, setDue] = useState("");
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.createAction({
        contributionId: draft.contributionId,
        what,
        owner: owner === "" ? null : owner === "other" ? { name: ownerName } : { participantId: owner },
        delegationId: delegationId || null,
        due: due || null,
      });
      onDone();
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="run-action-form"
      aria-label={t("actions.new")}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="run-field">
        <span>{t("actions.what")}</span>
        <textarea
          className="text-field__input"
          required
          maxLength={LIMITS.actionText}
          rows={2}
          value={what}
          onChange={(event) => setWhat(event.target.value)}
        />
      </label>
      <div className="run-action-form__row">
        <ChoiceField
          label={t("actions.owner")}
          value={owner}
          empty={t("actions.ownerNobody")}
          choices={[
            ...people.participants.map((p) => ({ value: p.id, label: p.displayName })),
            { value: "other", label: t("actions.ownerOther") },
          ]}
          onChoose={(value) => {
            setOwner(value);
            const participant = people.participants.find((p) => p.id === value);
            if (participant?.delegationId) setDelegationId(participant.delegationId);
          }}
        />
        {owner === "other" ? (
          <label className="run-field">
            <span>{t("actions.ownerName")}</span>
            <input
              className="text-field__input"
              required
              maxLength={LIMITS.ownerName}
              value={ownerName}
              onChange={(event) => setOwnerName(event.target.value)}
            />
          </label>
        ) : null}
        <ChoiceField
          label={t("actions.delegation")}
          value={delegationId}
          empty={t("actions.delegationNone")}
          choices={delegationChoices(people.delegations)}
          onChoose={setDelegationId}
        />
        <label className="run-field">
          <span>{t("actions.due")}</span>
          <input
            type="date"
            className="text-field__input"
            value={due}
            onChange={(event) => setDue(event.target.value)}
          />
        </label>
      </div>
      {failure ? (
        <p className="run-note run-note--error" role="alert">
          {failure.fields && Object.keys(failure.fields).length > 0
            ? errors.field(Object.values(failure.fields)[0])
            : errors.failure(failure)}
        </p>
      ) : null}
      <div className="run-action-form__buttons">
        <Button variant="primary" type="submit" disabled={busy || what.trim() === ""}>
          {t("actions.create")}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t("actions.cancel")}
        </Button>
      </div>
    </form>
  );
}
