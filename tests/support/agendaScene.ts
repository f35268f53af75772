import type { Delegation, DocumentInfo, UiLanguage } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { createExchange, type ExchangeFixture, type Member } from "./api";
import { chengduDelegation } from "./delegations";

/**
 * The workshop: an exchange at home in Bristol (Europe/London) with a Bristol council, a
 * Recife team (no daylight-saving time) and a Chengdu office (China's one zone), and an agenda.
 */
export interface AgendaScene {
  exchange: ExchangeFixture;
  bristol: Delegation;
  recife: Delegation;
  chengdu: Delegation;
  agenda: DocumentInfo;
  room: string;
  url: string;
  /** Joins a delegation as `role`, with `uiLanguage`. */
  join(
    delegation: Delegation,
    role: "delegate" | "observer",
    name: string,
    uiLanguage: UiLanguage,
  ): Promise<Member>;
}

export async function agendaScene(
  baseUrl: string,
  names: { exchange: string; recife: string; bristol: string; chengdu: string; agenda: string } = {
    exchange: "Recife–Chengdu–Bristol ageing workshop",
    recife: "Recife team",
    bristol: "Bristol council",
    chengdu: "成都办公室",
    agenda: "Workshop agenda",
  },
): Promise<AgendaScene> {
  const exchange = await createExchange(baseUrl, names.exchange);
  const { session } = exchange.facilitator;
  const base = `/api/exchanges/${exchange.exchangeId}/delegations`;
  // The fixture's delegation becomes the Recife team.
  const recife = await session.ok<Delegation>("PATCH", `${base}/${exchange.delegation.id}`, {
    name: names.recife,
    timeZone: "America/Recife",
  });
  const bristol = await exchange.addDelegation({
    name: names.bristol,
    country: "GB",
    color: "blue",
    timeZone: "Europe/London",
    workingLanguage: "en",
  });
  const chengdu = await exchange.addDelegation(chengduDelegation(names.chengdu));
  const agenda = await session.ok<DocumentInfo>("POST", `/api/exchanges/${exchange.exchangeId}/documents`, {
    kind: "agenda",
    title: names.agenda,
  });
  return {
    exchange,
    bristol,
    recife,
    chengdu,
    agenda,
    room: formatRoomName({ exchangeId: exchange.exchangeId, documentId: agenda.id }),
    url: `/x/${exchange.exchangeId}/d/${agenda.id}`,
    join: (delegation, role, name, uiLanguage) =>
      exchange.join(role, name, { delegationId: delegation.id, uiLanguage }),
  };
}
