import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createExchange, type ExchangeFixture, type Member } from "./api";
import { newUserContext } from "./browser";
import { chengduDelegation } from "./delegations";
import { templatedDocument } from "./runFixture";

export type Lng = "en" | "pt-BR" | "zh-CN";
export const LNGS: readonly Lng[] = ["en", "pt-BR", "zh-CN"];

/** The run's strings in one language (the tests find controls by what readers see). */
export function runStrings(lng: Lng) {
  return JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "locales", lng, "run.json"), "utf8"));
}

/**
 * A run's scene: a facilitator (English, no delegation), a Brazilian delegate (Portuguese) and a Chinese
 * delegate (Chinese) in delegations of their own, each in a browser context whose clock is shifted by
 * `skewMs[lng]` (Date.now), on one After Action Review.
 */
export async function runScene(
  browser: Browser,
  baseUrl: string,
  skewMs: Record<Lng, number> = { en: 0, "pt-BR": 0, "zh-CN": 0 },
  /** The UI language each person's browser shows (default: their own). */
  shows: Record<Lng, Lng> = { en: "en", "pt-BR": "pt-BR", "zh-CN": "zh-CN" },
) {
  const exchange: ExchangeFixture = await createExchange(baseUrl);
  const chengdu = await exchange.addDelegation(chengduDelegation("Chengdu community health"));
  const members: Record<Lng, Member> = {
    en: exchange.facilitator,
    "pt-BR": await exchange.join("delegate", "Ana Souza", { uiLanguage: "pt-BR" }),
    "zh-CN": await exchange.join("delegate", "李伟", { delegationId: chengdu.id, uiLanguage: "zh-CN" }),
  };
  // Each person's own language setting follows what their browser is to show.
  for (const lng of LNGS) {
    if (shows[lng] === lng) continue;
    await exchange.setUiLanguage(members[lng], shows[lng]);
  }
  const run = await templatedDocument(exchange);
  const contexts = {} as Record<Lng, BrowserContext>;
  const pages = {} as Record<Lng, Page>;
  for (const lng of LNGS) {
    contexts[lng] = await newUserContext(browser, {
      baseURL: baseUrl,
      sessionCookie: members[lng].session.cookie,
      language: shows[lng],
      locale: shows[lng] === "en" ? "en-GB" : shows[lng],
    });
    if (skewMs[lng] !== 0) {
      await contexts[lng].addInitScript((skew: number) => {
        const realNow = Date.now.bind(Date);
        Date.now = () => realNow() + skew;
      }, skewMs[lng]);
    }
    pages[lng] = await contexts[lng].newPage();
  }
  const documentUrl = `/x/${exchange.exchangeId}/d/${run.document.id}`;
  return { exchange, chengdu, members, run, contexts, pages, documentUrl };
}

/** Every WebSocket frame a page receives, as text (binary frames decoded as latin1 and utf-8). */
export function recordFrames(page: Page): { text(): string } {
  const frames: Buffer[] = [];
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => {
      frames.push(typeof payload === "string" ? Buffer.from(payload) : Buffer.from(payload));
    });
  });
  return { text: () => Buffer.concat(frames).toString("utf8") };
}
