import type { ExchangeView } from "../../shared/api/responses";
import { DELEGATION_COLORS, type Delegation, type Participant } from "../../shared/domain";
import { NO_DELEGATION_COLOR } from "../../shared/protocol/presenceUser";

export function delegationOf(
  view: Pick<ExchangeView, "delegations">,
  participant: Participant,
): Delegation | null {
  return view.delegations.find((d) => d.id === participant.delegationId) ?? null;
}

/** A participant's colour: their delegation's. */
export function participantColor(view: Pick<ExchangeView, "delegations">, participant: Participant): string {
  const delegation = delegationOf(view, participant);
  return delegation ? DELEGATION_COLORS[delegation.color] : NO_DELEGATION_COLOR;
}

/** Participant ids connected to any document now. */
export function onlineIds(view: Pick<ExchangeView, "presence">): Set<string> {
  return new Set(view.presence.map((entry) => entry.participantId));
}
