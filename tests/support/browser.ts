import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createExchange } from "./api";
import { type RunningServer, startServer } from "./server";

/** Debian's Chromium (installed with fonts-noto-cjk so Chinese renders in screenshots). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Launches headless Chromium with everything that phones home or varies between runs turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

export interface ContextOptions {
  baseURL: string;
  locale?: string;
  timezoneId?: string;
  viewport?: { width: number; height: number };
  /** Session cookie (`mutual_session=…`, from ApiSession.cookie) the context starts with. */
  sessionCookie?: string | null;
  /** UI language stored before the first page loads (otherwise detected from `locale`). */
  language?: string;
}

/**
 * A fresh browser context: its own storage, IndexedDB and service workers. Two users are two
 * contexts (tabs of one context share BroadcastChannel and IndexedDB and would pass falsely).
 */
export async function newUserContext(browser: Browser, options: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    locale: options.locale ?? "en-US",
    timezoneId: options.timezoneId ?? "UTC",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    reducedMotion: "reduce",
  });
  if (options.sessionCookie) await addSessionCookie(context, options.baseURL, options.sessionCookie);
  const seed: Record<string, string> = {};
  if (options.language) seed["mutual.language"] = options.language;
  if (Object.keys(seed).length > 0) {
    await context.addInitScript((entries: Record<string, string>) => {
      // Only on the first load: later changes made by the app (or the test) must survive reloads.
      if (sessionStorage.getItem("mutual.test.seeded")) return;
      sessionStorage.setItem("mutual.test.seeded", "1");
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, seed);
  }
  return context;
}

/** Gives a browser context the session of an API client (`name=value` as ApiSession keeps it). */
export async function addSessionCookie(context: BrowserContext, url: string, cookie: string): Promise<void> {
  const separator = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url }]);
}

/** The editor's text without collaborators' caret labels (they are text nodes inside the editor DOM). */
export function editorText(page: Page): Promise<string> {
  return page.locator('[role="textbox"][contenteditable]').evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const label of copy.querySelectorAll(".collaboration-carets__label")) label.remove();
    return copy.textContent;
  });
}

/** Waits until `predicate(editor text)` holds, polling; fails with the last text seen. */
export async function waitForEditorText(
  page: Page,
  predicate: (text: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = await editorText(page).catch(() => "");
    if (predicate(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`editor text did not match in ${timeoutMs} ms; last seen: ${JSON.stringify(text)}`);
}

/** A server and a browser for one test file: started before its tests, stopped after. */
export function serverAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** A new exchange with a notes document, and a page of its facilitator's (reading English, unless `options` say otherwise). */
export async function facilitatorWithNotes(
  env: { readonly server: RunningServer; readonly browser: Browser },
  options: Partial<ContextOptions> = {},
) {
  const exchange = await createExchange(env.server.url);
  const { document: notes } = await exchange.newDocument("notes");
  const context = await newUserContext(env.browser, {
    baseURL: env.server.url,
    sessionCookie: exchange.facilitator.session.cookie,
    language: "en",
    ...options,
  });
  const page = await context.newPage();
  return { exchange, notes, context, page };
}
