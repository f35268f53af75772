import { randomFillSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGE_NAMES } from "../../client/i18n/languages";
import { newId } from "../../shared/protocol/ids";
import { createExchange, type Member } from "../support/api";
import { launchBrowser, newUserContext } from "../support/browser";
import {
  collectUnmarked,
  formatFindings,
  PSEUDO_FLAG,
  settle,
  type Unmarked,
} from "../support/pseudoCollector";
import { type RunningServer, startServer } from "../support/server";

/**
 * No hard-coded strings: every screen rendered in the pseudo-locale (every translation wrapped in ⟦…⟧)
 * must show no visible text, placeholder, title, aria-label or alt outside the markers, except the data
 * this test created and what Intl formats.
 */

// ---- The data this test creates: the only unmarked words allowed besides Intl output ----------------
const EXCHANGE_TITLE = "Brazil–UK food policy exchange"; // createExchange's default title
const FACILITATOR = "Fiona Facilitator"; // createExchange's facilitator
const DELEGATION = "Belo Horizonte health team"; // createExchange's delegation
const DELEGATE = "Ana Souza";
const OBSERVER = "Oliver Observer";
const DOCUMENT_TITLE = "A notes document"; // fx.newDocument("notes")
const AGENDA_TITLE = "A agenda document"; // fx.newDocument("agenda")
const TEMPLATED_TITLE = "A templated reflection";
// The built-in templates' texts reach the page as data (the API's resolved templates, the document's copy
// of its template), not through i18next: they are the product's own words, kept in locales/ all the same.
// (Every language: a member's remembered language may not be the pseudo-locale's English.)
const BUILT_IN_TEXTS = Object.keys(LANGUAGE_NAMES).flatMap((lng) =>
  flattenStrings(
    JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/builtInTemplates.json`), "utf8")),
  ),
);
const NAMES = [FACILITATOR, DELEGATE, OBSERVER];
const DATA: readonly string[] = [
  EXCHANGE_TITLE,
  DELEGATION,
  DOCUMENT_TITLE,
  AGENDA_TITLE,
  TEMPLATED_TITLE,
  ...BUILT_IN_TEXTS,
  ...NAMES,
  // Avatars show the initials of these names (client/identity/userColor.ts initialsOf: first letters of the
  // first and last words): derived from the data above, not text of the app.
  ...NAMES.map(initials),
  // The language menu names each language in its own language, never translated (client/i18n/languages.ts).
  ...Object.values(LANGUAGE_NAMES),
];

function flattenStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return value && typeof value === "object" ? Object.values(value).flatMap(flattenStrings) : [];
}

function initials(name: string): string {
  const words = name.split(/\s+/);
  return `${words[0]![0]}${words.at(-1)![0]}`.toUpperCase();
}

type Persona = "visitor" | "facilitator" | "delegate" | "observer";

/** One exchange with everything a screen can show. */
interface Seed {
  exchangeId: string;
  documentId: string;
  templatedDocumentId: string;
  members: Record<Exclude<Persona, "visitor">, Member>;
  validToken: string;
  expiredToken: string;
  revokedToken: string;
}

interface Screen {
  name: string;
  as: Persona;
  path: (seed: Seed) => string;
  /** Waits for something language-independent that shows the screen is there (besides DOM quiet). */
  ready?: string;
  /** Also click every button the screen offers (one at a time) and check what each opens. */
  probe?: boolean;
  /** Brings the screen into the state to check (opens a dialog, picks an option). */
  prepare?: (page: Page) => Promise<void>;
}

const EDITABLE = '[role="textbox"][contenteditable="true"]';
const READ_ONLY = '[role="textbox"][contenteditable="false"]';

// ---- Every screen: one line each ----------------------------------------------------------------
const SCREENS: Screen[] = [
  { name: "home, first visit", as: "visitor", path: () => "/", probe: true },
  { name: "home, with memberships", as: "facilitator", path: () => "/", probe: true },
  { name: "join, valid link", as: "visitor", path: (s) => `/join/${s.validToken}`, probe: true },
  { name: "join, expired link", as: "visitor", path: (s) => `/join/${s.expiredToken}` },
  { name: "join, revoked link", as: "visitor", path: (s) => `/join/${s.revokedToken}` },
  { name: "join, unknown link", as: "visitor", path: () => "/join/not-a-real-token" },
  { name: "exchange, facilitator", as: "facilitator", path: (s) => `/x/${s.exchangeId}`, probe: true },
  { name: "exchange, delegate", as: "delegate", path: (s) => `/x/${s.exchangeId}`, probe: true },
  { name: "exchange, observer", as: "observer", path: (s) => `/x/${s.exchangeId}` },
  { name: "exchange, not a member", as: "visitor", path: (s) => `/x/${s.exchangeId}` },
  { name: "exchange, unknown", as: "facilitator", path: () => `/x/${newId(randomFillSync)}` },
  { name: "document, delegate (editor)", as: "delegate", path: doc, ready: EDITABLE, probe: true },
  { name: "document, observer (read-only)", as: "observer", path: doc, ready: READ_ONLY },
  { name: "document, not a member", as: "visitor", path: doc },
  {
    name: "document, unknown",
    as: "facilitator",
    path: (s) => `/x/${s.exchangeId}/d/${newId(randomFillSync)}`,
  },
  {
    name: "new document: template gallery",
    as: "facilitator",
    path: (s) => `/x/${s.exchangeId}`,
    prepare: async (page) => {
      await page.locator(".card__actions .button--primary").first().click();
      await page.locator("dialog[open] select").selectOption("reflection");
      await page.locator(".template-option").nth(1).waitFor();
    },
  },
  {
    name: "template editor, new",
    as: "facilitator",
    path: (s) => `/x/${s.exchangeId}/templates/new`,
    probe: true,
  },
  {
    name: "template editor, copy of a built-in",
    as: "facilitator",
    path: (s) => `/x/${s.exchangeId}/templates/new?from=after-action-review`,
    ready: ".template-editor__section",
  },
  { name: "template editor, delegate", as: "delegate", path: (s) => `/x/${s.exchangeId}/templates/new` },
  {
    name: "document from a template, delegate",
    as: "delegate",
    path: (s) => `/x/${s.exchangeId}/d/${s.templatedDocumentId}`,
    ready: ".template-section__prompt",
  },
  { name: "not found", as: "visitor", path: () => "/nowhere/at/all" },
  { name: "invalid document link", as: "visitor", path: () => "/x/not-valid/d/x" },
];

function doc(seed: Seed): string {
  return `/x/${seed.exchangeId}/d/${seed.documentId}`;
}

const MAX_PROBES = 24;

describe("pseudo-locale: no hard-coded strings", () => {
  let server: RunningServer;
  let browser: Browser;
  let allowedPrefixes: string[];
  let sharedSeed: Promise<Seed> | undefined;
  const shared = () => {
    sharedSeed ??= seedExchange(server);
    return sharedSeed;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // Invite links the app shows are made from the server's own address and a token: data, not text.
    allowedPrefixes = [`${server.url}/`];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the collector flags an unmarked aria-label and an unmarked text node (and nothing else)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(`
      <html lang="en"><head><title>⟦Mutual⟧</title></head><body>
        <h1>⟦Exchange⟧</h1>
        <p>Hard-coded words</p>
        <button aria-label="Close">⟦×⟧</button>
        <input placeholder="⟦Your name⟧" title="⟦Name⟧">
        <p>⟦Edited by <strong>${DELEGATE}</strong>⟧ · 3 minutes ago · <time>${new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(Date.now())}</time></p>
        <p>${FACILITATOR} (${initials(FACILITATOR)}) · 12 · Brazil · America/Sao_Paulo</p>
        <p style="display:none">Hidden words are not seen</p>
        <img alt="A chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <div class="ProseMirror">Text a user typed</div>
        <span class="collaboration-carets__label">Someone</span>
        <button title="⟦Sliced transla">⟦OK⟧</button>
      </body></html>`);
    const found = await collectUnmarked(page, { data: DATA, prefixes: [] });
    expect(found.map((f) => [f.kind, f.value])).toEqual([
      ["text", "Hard-coded words"],
      ["aria-label", "Close"],
      ["alt", "A chart"],
      ["title (unclosed marker)", "⟦Sliced transla"],
    ]);
    // A text node that opens a marker and never closes it hides the rest of the page: reported as such.
    await page.setContent(`<html lang="en"><body><p>⟦Long text cut sho</p><p>Hard-coded</p></body></html>`);
    expect((await collectUnmarked(page, { data: DATA })).map((f) => [f.kind, f.value])).toEqual([
      ["unclosed marker", "⟦Long text cut sho"],
    ]);
    await context.close();
  });

  // Screens are independent (own context, read-only or own exchange): checked a few at a time.
  for (const screen of SCREENS) {
    it.concurrent(`${screen.name}: every visible string is translated`, async ({ expect }) => {
      // Clicking around may change data (archive a document, make a link): those screens get their own
      // exchange; the rest share one (the server allows 10 new exchanges a minute per address).
      const seed = screen.probe ? await seedExchange(server) : await shared();
      const context = await personaContext(browser, server, screen.as, seed);
      try {
        const page = await context.newPage();
        const url = screen.path(seed);
        await open(page, url, screen.ready);
        if (screen.prepare) {
          await screen.prepare(page);
          await settle(page);
        }
        // The flag really is on: the app's own text carries markers.
        expect(await page.locator("body").textContent(), "pseudo markers on the page").toContain("⟦");
        const findings = await collect(page, screen.name);
        if (screen.probe) findings.push(...(await probeButtons(page, screen, url)));
        // One line per string: screen | where it is (text or attribute) | the string | element path.
        expect(formatFindings(unique(findings)), "unmarked strings").toBe("");
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  async function collect(page: Page, where: string): Promise<Array<{ screen: string } & Unmarked>> {
    const found = await collectUnmarked(page, { data: DATA, prefixes: allowedPrefixes });
    return found.map((f) => ({ screen: where, ...f }));
  }

  /**
   * Clicks every button of the screen (outside dialogs), one at a time, and checks what it opened or
   * changed; an opened dialog is closed with Escape. Per-row buttons that differ only by data count once.
   */
  async function probeButtons(page: Page, screen: Screen, url: string) {
    const findings: Array<{ screen: string } & Unmarked> = [];
    const tried = new Set<string>();
    for (let round = 0; round < MAX_PROBES; round++) {
      const next = await page.evaluate(markNextButton, { tried: [...tried], data: [...DATA] });
      if (!next) break;
      tried.add(next);
      await page
        .locator("[data-pseudo-probe]")
        .click({ timeout: 2_000 })
        .catch(() => undefined);
      await settle(page);
      findings.push(...(await collect(page, `${screen.name} › after clicking ${next}`)));
      // Dialogs opened by the button: check them, then close them.
      for (
        let i = 0;
        i < 3 && (await page.locator("dialog[open], [role=dialog], [role=alertdialog]").count());
        i++
      ) {
        await page.keyboard.press("Escape");
        await settle(page, 150, 1_500);
      }
      await page.evaluate(() => {
        for (const element of document.querySelectorAll("[data-pseudo-probe]"))
          element.removeAttribute("data-pseudo-probe");
      });
      if (new URL(page.url()).pathname !== new URL(url, server.url).pathname)
        await open(page, url, screen.ready);
    }
    return findings;
  }

  async function open(page: Page, url: string, ready?: string): Promise<void> {
    await page.goto(url);
    // The loading shell gone: the screen itself is there (a busy machine can leave the shell quiet long
    // enough for `settle` alone to read it).
    await page.locator("#root .shell").waitFor({ state: "detached", timeout: 15_000 });
    if (ready) await page.locator(ready).first().waitFor({ timeout: 10_000 });
    await settle(page);
  }
});

/** In the page: marks the first visible, enabled button not tried yet; returns its key (null when none). */
function markNextButton({ tried, data }: { tried: string[]; data: string[] }): string | null {
  const candidates = document.querySelectorAll<HTMLElement>("button, [role=button], summary");
  for (const element of candidates) {
    if (element.closest("dialog, [role=dialog], [role=alertdialog], .ProseMirror")) continue;
    if (element.hasAttribute("aria-pressed")) continue; // formatting toggles: nothing new to show
    if ((element as HTMLButtonElement).disabled || element.getAttribute("aria-disabled") === "true") continue;
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    let key = (element.getAttribute("aria-label") || element.textContent || "").trim();
    for (const value of data) key = key.split(value).join("…");
    key = `"${key}"`;
    if (tried.includes(key)) continue;
    element.setAttribute("data-pseudo-probe", "");
    return key;
  }
  return null;
}

function unique<T extends { screen: string; kind: string; value: string; where: string }>(
  findings: T[],
): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.kind}|${f.value}|${f.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A fresh exchange: facilitator, delegate, observer, two documents and invite links in three states. */
async function seedExchange(server: RunningServer): Promise<Seed> {
  const fx = await createExchange(server.url, EXCHANGE_TITLE);
  const [delegate, observer] = [await fx.join("delegate", DELEGATE), await fx.join("observer", OBSERVER)];
  const { document } = await fx.newDocument("notes");
  await fx.newDocument("agenda");
  const templated = await fx.facilitator.session.ok<{ id: string }>(
    "POST",
    `/api/exchanges/${fx.exchangeId}/documents`,
    { kind: "reflection", title: TEMPLATED_TITLE, templateId: "after-action-review" },
  );
  const valid = await fx.invite("delegate");
  const expired = await fx.invite("observer");
  const revoked = await fx.invite("delegate");
  await fx.facilitator.session.ok("DELETE", `/api/exchanges/${fx.exchangeId}/invites/${revoked.id}`);
  // The API only makes links that expire in the future: move this one's expiry into the past.
  const db = new Database(join(server.dataDir, "mutual.db"));
  try {
    db.prepare("UPDATE invites SET expires_at = ? WHERE id = ?").run(Date.now() - 60_000, expired.id);
  } finally {
    db.close();
  }
  return {
    exchangeId: fx.exchangeId,
    documentId: document.id,
    templatedDocumentId: templated.id,
    members: { facilitator: fx.facilitator, delegate, observer },
    validToken: valid.token,
    expiredToken: expired.token,
    revokedToken: revoked.token,
  };
}

/** A browser context in the pseudo-locale (English underneath), signed in as the persona. */
async function personaContext(
  browser: Browser,
  server: RunningServer,
  persona: Persona,
  seed: Seed,
): Promise<BrowserContext> {
  const context = await newUserContext(browser, { baseURL: server.url, locale: "en-US", timezoneId: "UTC" });
  await context.addInitScript(({ key, value }) => localStorage.setItem(key, value), PSEUDO_FLAG);
  if (persona !== "visitor") {
    // ApiSession.cookie is the Set-Cookie pair "mutual_session=<token>" (attributes dropped).
    const [name, value] = seed.members[persona].session.cookie!.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  return context;
}
