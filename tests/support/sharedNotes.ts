import type { Browser, BrowserContext } from "playwright-core";
import type { Role } from "../../shared/domain";
import { createExchange, type ExchangeFixture, type Member } from "./api";
import { newUserContext } from "./browser";

/** A new exchange's notes document, and two people to open it: the facilitator and one member. */
export interface SharedNotes {
  exchange: ExchangeFixture;
  member: Member;
  /** The document's page path. */
  url: string;
  /** The facilitator's browser context and the member's, each with an English UI. */
  facilitator: BrowserContext;
  guest: BrowserContext;
}

/** Sets up the usual two-person scene of a browser test: nobody has opened the document yet. */
export async function sharedNotes(
  env: { readonly server: { url: string }; readonly browser: Browser },
  guestRole: Role,
  guestName: string,
): Promise<SharedNotes> {
  const exchange = await createExchange(env.server.url);
  const member = await exchange.join(guestRole, guestName, { uiLanguage: "en" });
  const { document: notes } = await exchange.newDocument("notes");
  const open = (cookie: string | null) =>
    newUserContext(env.browser, { baseURL: env.server.url, sessionCookie: cookie, language: "en" });
  return {
    exchange,
    member,
    url: `/x/${exchange.exchangeId}/d/${notes.id}`,
    facilitator: await open(exchange.facilitator.session.cookie),
    guest: await open(member.session.cookie),
  };
}
