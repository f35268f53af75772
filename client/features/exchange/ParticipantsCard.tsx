import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import type { UpdateParticipantInput } from "../../../shared/api/schemas";
import { type Participant, ROLES, type Role } from "../../../shared/domain";
import { canInExchange } from "../../../shared/permissions";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { initialsOf } from "../../identity/userColor";
import { sortByText } from "../../membership/labels";
import { delegationOf, onlineIds, participantColor } from "../../membership/people";
import { Avatar } from "../../ui/Avatar";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Dialog } from "../../ui/Dialog";

/** Everyone in the exchange with role, delegation and whether they are online; facilitators manage them. */
export function ParticipantsCard({ view, reload }: { view: ExchangeView; reload: () => Promise<void> }) {
  const { t, i18n } = useTranslation(["participants", "common"]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const canManage = canInExchange(view.me.role, "participant.manage");
  const online = onlineIds(view);

  const act = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(asFailure(error));
    }
    await reload();
  };
  const change = (participant: Participant, patch: UpdateParticipantInput) =>
    act(() => apiRequest("PATCH", api.participant(view.exchange.id, participant.id), patch));
  const delegations = sortByText(view.delegations, (d) => d.name, i18n.language);

  return (
    <Card title={t("participants:title", { count: view.participants.length })} titleId="participants-title">
      <FormError
        failure={failure}
        special={(f) => (f.code === "conflict" ? t("participants:lastFacilitator") : null)}
      />
      <ul className="participants__list">
        {sortByText(view.participants, (p) => p.displayName, i18n.language).map((participant) => {
          const delegation = delegationOf(view, participant);
          const isMe = participant.id === view.me.id;
          const isOnline = online.has(participant.id);
          return (
            <li key={participant.id} className="participants__item">
              <span className="participants__avatar">
                <Avatar
                  initials={initialsOf(participant.displayName)}
                  color={participantColor(view, participant)}
                  title={participant.displayName}
                />
                {isOnline ? <span className="participants__dot" aria-hidden="true" /> : null}
              </span>
              <span className="participants__text">
                <span className="participants__name">
                  {isMe ? t("participants:you", { name: participant.displayName }) : participant.displayName}
                </span>
                <span className="participants__meta">
                  {delegation ? delegation.name : t("participants:noDelegation")}
                  {isOnline ? ` · ${t("participants:online")}` : ""}
                </span>
              </span>
              {canManage && !isMe ? (
                <span className="participants__controls">
                  <select
                    className="participants__select"
                    value={participant.delegationId ?? ""}
                    aria-label={t("participants:delegationOf", { name: participant.displayName })}
                    onChange={(event) =>
                      void change(participant, { delegationId: event.target.value || null })
                    }
                  >
                    <option value="">{t("participants:noDelegation")}</option>
                    {delegations.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                  <select
                    className="participants__select"
                    value={participant.role}
                    aria-label={t("participants:roleOf", { name: participant.displayName })}
                    onChange={(event) => void change(participant, { role: event.target.value as Role })}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`common:role.${role}`)}
                      </option>
                    ))}
                  </select>
                  <Button
                    variant="ghost"
                    aria-label={t("participants:removeOne", { name: participant.displayName })}
                    onClick={() => setRemoving(participant)}
                  >
                    {t("participants:remove")}
                  </Button>
                </span>
              ) : (
                <Badge tone={participant.role === "facilitator" ? "accent" : "neutral"}>
                  {t(`common:role.${participant.role}`)}
                </Badge>
              )}
            </li>
          );
        })}
      </ul>
      {removing ? (
        <Dialog
          title={t("participants:removeTitle", { name: removing.displayName })}
          onClose={() => setRemoving(null)}
          actions={
            <>
              <Button onClick={() => setRemoving(null)}>{t("common:cancel")}</Button>
              <Button
                variant="danger"
                onClick={() => {
                  const target = removing;
                  setRemoving(null);
                  void act(() => apiRequest("DELETE", api.participant(view.exchange.id, target.id)));
                }}
              >
                {t("participants:removeConfirm")}
              </Button>
            </>
          }
        >
          <p>{t("participants:removeBody")}</p>
        </Dialog>
      ) : null}
    </Card>
  );
}
