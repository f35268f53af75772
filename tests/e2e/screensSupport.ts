import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { newUserContext } from "../support/browser";
import type { RunningServer } from "../support/server";

export const SHOTS = join(import.meta.dirname, "..", "..", "test-results", "screens");
const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
export const PHONE = { width: 390, height: 844 };

// Each language is detected from the browser locale (nothing stored), with text a delegate would write.
export const LANGUAGES = [
  {
    lng: "en",
    locale: "en-GB",
    timezoneId: "Europe/London",
    name: "Grace Okafor",
    observer: "Tom Baker",
    create: "Create exchange",
    editorLabel: "Document text",
    exchange: "Food policy exchange",
    delegation: "Belo Horizonte health team",
    document: "Agenda for the first workshop",
    longTitle: "Shared problem statement: reaching older residents in Recife, Chengdu and Bristol",
    facilitator: "Facilitator",
    body: "Day one: what each delegation wants to learn.",
    viewOnly: "View only",
    addDelegation: "Add delegation",
    editDetails: "Edit details",
    joinButton: "Join the exchange",
    revoked: "This invitation was withdrawn",
    peopleHere: "2 people here",
    whoIsHere: "Who is here",
  },
  {
    lng: "pt-BR",
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
    name: "Ana Souza",
    observer: "João Pereira",
    create: "Criar intercâmbio",
    editorLabel: "Texto do documento",
    exchange: "Intercâmbio de políticas alimentares",
    delegation: "Equipe de saúde de Belo Horizonte",
    document: "Pauta do primeiro encontro",
    longTitle: "Declaração do problema: como chegar às pessoas idosas em Recife, Chengdu e Bristol",
    facilitator: "Facilitador(a)",
    body: "Primeiro dia: o que cada delegação quer aprender.",
    viewOnly: "Somente leitura",
    addDelegation: "Adicionar delegação",
    editDetails: "Editar detalhes",
    joinButton: "Entrar no intercâmbio",
    revoked: "Este convite foi retirado",
    peopleHere: "2 pessoas aqui",
    whoIsHere: "Quem está aqui",
  },
  {
    lng: "zh-CN",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    name: "李伟",
    observer: "王芳",
    create: "创建交流",
    editorLabel: "文档正文",
    exchange: "食品政策交流",
    delegation: "成都市规划局",
    document: "第一次研讨会议程",
    longTitle: "共同问题陈述：如何在累西腓、成都和布里斯托尔更好地服务老年居民",
    facilitator: "主持人",
    body: "第一天：各代表团希望学习什么。",
    viewOnly: "仅可查看",
    addDelegation: "添加代表团",
    editDetails: "编辑信息",
    joinButton: "加入交流",
    revoked: "此邀请已被撤回",
    peopleHere: "2 人在线",
    whoIsHere: "在线成员",
  },
] as const;

/** A page of the session's holder, in a browser set to `language`'s locale and time zone. */
export async function pageIn(
  env: { readonly server: RunningServer; readonly browser: Browser },
  language: (typeof LANGUAGES)[number],
  sessionCookie: string | null,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newUserContext(env.browser, {
    baseURL: env.server.url,
    sessionCookie,
    locale: language.locale,
    timezoneId: language.timezoneId,
  });
  return { context, page: await context.newPage() };
}

export async function expectNoAxeViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

export async function shoot(page: Page, name: string) {
  for (const [suffix, viewport] of [
    ["", DESKTOP],
    ["-tablet", TABLET],
    ["-phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `${name}${suffix}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** Every request a context makes goes to Mutual itself: no CDN, no fonts, no analytics. */
export function recordHosts(context: BrowserContext, hosts: Set<string>) {
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "http:" || url.protocol === "https:" || url.protocol.startsWith("ws"))
      hosts.add(url.host);
  });
}

/** A same-origin API call from inside the page (the page's session cookie and Origin go along). */
export function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
      return response.status === 204 ? null : response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/** Fails when an element's text is cut: wider or taller than the box that shows it (ellipsis, clamp). */
export async function expectWhole(page: Page, selector: string, where: string): Promise<void> {
  const boxes = await page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => ({
      text: (element as HTMLTextAreaElement).value ?? element.textContent,
      overflowX: element.scrollWidth - element.clientWidth,
      overflowY: element.scrollHeight - element.clientHeight,
    })),
  );
  expect(boxes.length, `${selector} on ${where}`).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(
      { ...box, overflowX: box.overflowX > 0, overflowY: box.overflowY > 1 },
      `${selector} on ${where}`,
    ).toEqual({ text: box.text, overflowX: false, overflowY: false });
  }
}

/** Fails when the page scrolls sideways (something too wide for a phone). */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `page wider than the screen on ${where}`).toBeLessThanOrEqual(0);
}
