import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { editorText, launchBrowser, newUserContext, waitForEditorText } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";

// Two people = two browser contexts (separate storage, no shared BroadcastChannel).
describe("co-editing a document in two browsers", () => {
  let server: RunningServer;
  let browser: Browser;
  let ana: BrowserContext;
  let bruno: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  let documentUrl: string;
  let exchangeFixture: Awaited<ReturnType<typeof createExchange>>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // Ana facilitates the exchange (created through the API); Bruno joined as a delegate by invite link.
    const exchange = await createExchange(server.url);
    exchangeFixture = exchange;
    // This test reads the English interface (the fixture joins with pt-BR unless told).
    const brunoMember = await exchange.join("delegate", "Bruno Lima", { uiLanguage: "en" });
    const { document } = await exchange.newDocument("agenda");
    documentUrl = `/x/${exchange.exchangeId}/d/${document.id}`;
    ana = await newUserContext(browser, {
      baseURL: server.url,
      sessionCookie: exchange.facilitator.session.cookie,
      language: "en",
    });
    bruno = await newUserContext(browser, {
      baseURL: server.url,
      sessionCookie: brunoMember.session.cookie,
      language: "en",
    });
    pageA = await ana.newPage();
    pageB = await bruno.newPage();
    await pageA.goto(documentUrl);
    await pageA.getByRole("textbox", { name: "Document text" }).waitFor();
    await pageB.goto(documentUrl);
    await pageB.getByRole("textbox", { name: "Document text" }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows each person's text and named caret to the other", async () => {
    await pageA.getByRole("textbox", { name: "Document text" }).click();
    await pageA.keyboard.type("Hello from Ana.");
    await waitForEditorText(pageB, (text) => text.includes("Hello from Ana."));

    await pageB.getByRole("textbox", { name: "Document text" }).click();
    await pageB.keyboard.press("Control+End");
    await pageB.keyboard.type(" Olá from Bruno.");
    await waitForEditorText(pageA, (text) => text.includes("Hello from Ana. Olá from Bruno."));

    await expect
      .poll(() => pageA.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 5_000 })
      .toContain("Bruno Lima");
    await expect
      .poll(() => pageB.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 5_000 })
      .toContain("Fiona Facilitator");
  });

  it("shows who is here: each person's delegation, its working language and their local time", async () => {
    const toggle = pageA.getByRole("button", { name: "2 people here" });
    await toggle.waitFor({ timeout: 5_000 });
    await toggle.click();
    const panel = pageA.getByRole("dialog", { name: "Who is here" });
    await panel.getByText("Bruno Lima").waitFor();
    const saoPauloTime = () =>
      new Intl.DateTimeFormat("en", { timeZone: "America/Sao_Paulo", timeStyle: "short" }).format(Date.now());
    const linesOf = async (who: string) =>
      (
        await panel
          .getByRole("listitem")
          .filter({ hasText: who })
          .locator(".presence-panel__meta")
          .allTextContents()
      ).map(spaced);
    const before = saoPauloTime();
    const bruno = await linesOf("Bruno Lima");
    const after = saoPauloTime();
    // The language's name as this browser's ICU writes it ("Brazilian Portuguese").
    const portuguese = await pageA.evaluate(() =>
      new Intl.DisplayNames(["en"], { type: "language" }).of("pt-BR"),
    );
    expect(bruno.slice(0, 2)).toEqual(["Belo Horizonte health team", `Working language: ${portuguese}`]);
    // Their clock, not the reader's (this browser runs in UTC).
    expect([before, after].map((time) => `Local time: ${spaced(time)} (GMT-3)`)).toContain(bruno[2]);
    expect(await linesOf("Fiona Facilitator (you)")).toEqual(["No delegation"]);

    // Escape closes it and gives the focus back to the avatars.
    await pageA.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden", timeout: 5_000 });
    expect(await toggle.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    // By keyboard: Tab reaches "Show" inside it, and tabbing on out of it closes it.
    await toggle.press("Enter");
    await panel.waitFor();
    await pageA.keyboard.press("Tab");
    expect(await pageA.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Show where Bruno Lima is writing",
    );
    await pageA.keyboard.press("Tab");
    await panel.waitFor({ state: "hidden", timeout: 5_000 });

    // "Show" brings someone's caret into view: Bruno writes far below Ana's screen, she jumps to him.
    const brunoCaret = pageA.locator(".collaboration-carets__caret", { hasText: "Bruno Lima" });
    const inView = async () => {
      const box = await brunoCaret.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= pageA.viewportSize()!.height;
    };
    await pageB.getByRole("textbox", { name: "Document text" }).click();
    await pageB.keyboard.press("Control+End");
    for (let line = 0; line < 40; line++) await pageB.keyboard.press("Enter");
    await pageB.keyboard.type("Bruno, further down.");
    await waitForEditorText(pageA, (text) => text.includes("Bruno, further down."));
    await pageA.getByRole("textbox", { name: "Document text" }).click();
    await pageA.keyboard.press("Control+Home");
    await expect.poll(inView, { timeout: 5_000 }).toBe(false);
    await toggle.click();
    await panel.getByRole("button", { name: "Show where Bruno Lima is writing" }).click();
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    await panel.waitFor({ state: "hidden", timeout: 5_000 });
    // Nobody is shown the way to their own caret.
    await toggle.click();
    expect(await panel.getByRole("button").count()).toBe(1);
    await pageA.keyboard.press("Escape");
  });

  it("carries headings, lists and bold across", async () => {
    await pageA.getByRole("textbox", { name: "Document text" }).click();
    await pageA.keyboard.press("Control+End");
    await pageA.keyboard.press("Enter");
    await pageA.getByRole("button", { name: "Heading 1" }).click();
    await pageA.keyboard.type("Agenda");
    await pageA.keyboard.press("Enter");
    await pageA.getByRole("button", { name: "Bulleted list" }).click();
    await pageA.keyboard.type("First item ");
    await pageA.keyboard.press("Control+b");
    await pageA.keyboard.type("important");
    await pageA.keyboard.press("Control+b");

    const content = pageB.getByRole("textbox", { name: "Document text" });
    await content.locator("h1", { hasText: "Agenda" }).waitFor({ timeout: 5_000 });
    await content.locator("ul li", { hasText: "First item" }).waitFor({ timeout: 5_000 });
    await content.locator("ul li strong", { hasText: "important" }).waitFor({ timeout: 5_000 });
    expect(await pageA.getByRole("button", { name: "Bulleted list" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
  });

  it("undoes only your own changes", async () => {
    // Separate undo groups: Yjs merges edits made within 500 ms of each other.
    await pageB.waitForTimeout(700);
    await pageB.getByRole("textbox", { name: "Document text" }).click();
    await pageB.keyboard.press("Control+End");
    await pageB.keyboard.type(" bruno-undo-me");
    await waitForEditorText(pageA, (text) => text.includes("bruno-undo-me"));
    await pageA.keyboard.press("Control+End");
    await pageA.keyboard.type(" ana-keeps-this");
    await waitForEditorText(pageB, (text) => text.includes("ana-keeps-this"));

    await pageB.getByRole("button", { name: "Undo" }).click();
    const after = await waitForEditorText(pageA, (text) => !text.includes("bruno-undo-me"));
    expect(after).toContain("ana-keeps-this");
    expect(after).toContain("Olá from Bruno.");
    expect(await editorText(pageB)).toContain("ana-keeps-this");
  });

  it("keeps the content across a reload and for a newcomer", async () => {
    await pageA.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    await pageB.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    const before = await editorText(pageA);
    await pageA.reload();
    await waitForEditorText(pageA, (text) => text === before);

    // A third browser has no local copy: everything it sees comes from the server.
    const carlaMember = await exchangeFixture.join("observer", "Carla", { uiLanguage: "en" });
    const carla = await newUserContext(browser, {
      baseURL: server.url,
      sessionCookie: carlaMember.session.cookie,
      language: "en",
    });
    const pageC = await carla.newPage();
    await pageC.goto(documentUrl);
    const seen = await waitForEditorText(pageC, (text) => text.includes("ana-keeps-this"));
    expect(seen).toBe(before);
    await pageC
      .getByRole("textbox", { name: "Document text" })
      .locator("h1", { hasText: "Agenda" })
      .waitFor();
    await carla.close();
  });
});

/** Text with every kind of space as one plain space (ICU puts a narrow no-break space before "PM"). */
function spaced(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
