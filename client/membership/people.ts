import type { ExchangeView } from "../../shared/api/responses";
import type { Delegation, Participant } from "../../shared/domain";
import { delegationColor } from "../../shared/protocol/presenceUser";

export function delegationOf(
  view: Pick<ExchangeView, "delegations">,
  participant: Participant,
): Delegation | null {
  return view.delegations.find((d) => d.id === participant.delegationId) ?? null;
}

/** A participant's colour: their delegation's. */
export function participantColor(view: Pick<ExchangeView, "delegations">, participant: Participant): string {
  return delegationColor(delegationOf(view, participant));
}

/** Participant ids connected to any document now. */
export function onlineIds(view: Pick<ExchangeView, "presence">): Set<string> {
  return new Set(view.presence.map((entry) => entry.participantId));
}
