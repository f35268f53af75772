import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_TEMPLATES } from "../../shared/templates/builtInTemplates";
import { createExchange, type ExchangeFixture } from "../support/api";
import { newUserContext, serverAndBrowser } from "../support/browser";

/**
 * Reflection templates in three browsers at once: the facilitator (English), a Brazilian delegate
 * (Portuguese) and a Chinese delegate (Chinese), each in a context of their own.
 */
const LOCALES = join(import.meta.dirname, "..", "..", "locales");
type Lng = "en" | "pt-BR" | "zh-CN";
const builtIn = (lng: Lng) =>
  JSON.parse(readFileSync(join(LOCALES, lng, "builtInTemplates.json"), "utf8")) as Record<
    string,
    { name: string; sections: Record<string, { prompt: string; guidance?: string }> }
  >;
const ui = (lng: Lng) =>
  JSON.parse(readFileSync(join(LOCALES, lng, "templates.json"), "utf8")) as {
    section: { badge: Record<Lng, string> };
  };
const AAR = BUILT_IN_TEMPLATES.find((template) => template.id === "after-action-review")!;
const AAR_SECTIONS = AAR.sections.map((section) => section.id);

const prompts = (page: Page) =>
  page.locator(".template-section__prompt .template-section__text").allInnerTexts();
const answers = (page: Page) =>
  page.locator(".template-section__answer").evaluateAll((elements) =>
    elements.map((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const label of copy.querySelectorAll(".collaboration-carets__label")) label.remove();
      return copy.textContent ?? "";
    }),
  );

/** The index of the answer the caret is in (-1 outside any). */
const caretSection = (page: Page) =>
  page.evaluate(() => {
    const node = getSelection()?.anchorNode ?? null;
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    const answer = element?.closest(".template-section__answer");
    return answer ? [...document.querySelectorAll(".template-section__answer")].indexOf(answer) : -1;
  });

/** Sync updates this page sends on its document's socket (y-protocols: message 0, sync step 2 = update). */
function countUpdatesSent(page: Page): { readonly count: number } {
  const counter = { count: 0 };
  page.on("websocket", (socket) => {
    if (!socket.url().includes("/collab/")) return;
    socket.on("framesent", ({ payload }) => {
      const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
      if (bytes[0] === 0 && bytes[1] === 2) counter.count++;
    });
  });
  return counter;
}

describe("reflection templates in three languages", () => {
  const env = serverAndBrowser();
  let exchange: ExchangeFixture;
  const pages = {} as Record<Lng, Page>;
  const contexts = {} as Record<Lng, BrowserContext>;
  let zhUpdates: { readonly count: number };
  let documentUrl = "";
  let li: Awaited<ReturnType<ExchangeFixture["join"]>>;

  beforeAll(async () => {
    exchange = await createExchange(env.server.url);
    const ana = await exchange.join("delegate", "Ana Souza"); // joins with pt-BR
    li = await exchange.join("delegate", "李伟", { uiLanguage: "zh-CN" });
    const cookies: Record<Lng, string> = {
      en: exchange.facilitator.session.cookie!,
      "pt-BR": ana.session.cookie!,
      "zh-CN": li.session.cookie!,
    };
    for (const lng of ["en", "pt-BR", "zh-CN"] as const) {
      contexts[lng] = await newUserContext(env.browser, {
        baseURL: env.server.url,
        sessionCookie: cookies[lng],
        language: lng,
        locale: lng === "en" ? "en-GB" : lng,
      });
      pages[lng] = await contexts[lng].newPage();
    }
    zhUpdates = countUpdatesSent(pages["zh-CN"]);
  });

  it("a facilitator creates an After Action Review from the gallery; each reader sees every prompt in their own language", async () => {
    const page = pages.en;
    await page.goto(`/x/${exchange.exchangeId}`);
    await page.getByRole("button", { name: "New document" }).click();
    const dialog = page.getByRole("dialog", { name: "New document" });
    await dialog.getByRole("combobox", { name: "Kind" }).selectOption("reflection");
    const card = dialog.getByRole("radio", { name: builtIn("en")["after-action-review"]!.name });
    await card.check();
    // The card says what the template is for, its sections and its usual run time, in the reader's words.
    const about = await card.evaluate(
      (input) => document.getElementById(input.getAttribute("aria-describedby")!)?.textContent,
    );
    expect(about).toContain("About 40 minutes · 5 sections");
    expect(about).toContain(builtIn("en")["after-action-review"]!.sections.intended!.prompt);
    // The title follows the chosen template until the facilitator writes their own.
    expect(await dialog.getByLabel("Title", { exact: true }).inputValue()).toBe("After Action Review");
    await dialog.getByRole("button", { name: "Create document" }).click();
    await page.waitForURL(/\/d\/[^/]+$/, { timeout: 10_000 });
    documentUrl = new URL(page.url()).pathname;

    await Promise.all([pages["pt-BR"].goto(documentUrl), pages["zh-CN"].goto(documentUrl)]);
    for (const lng of ["en", "pt-BR", "zh-CN"] as const) {
      const texts = builtIn(lng)["after-action-review"]!.sections;
      await expect
        .poll(() => prompts(pages[lng]), { timeout: 10_000 })
        .toEqual(AAR_SECTIONS.map((id) => texts[id]!.prompt));
      expect(await pages[lng].locator(".template-section__guidance").allInnerTexts()).toEqual(
        AAR_SECTIONS.map((id) => texts[id]!.guidance),
      );
      // Every text is in the reader's own language: no fallback badge anywhere.
      expect(await pages[lng].locator(".template-section__badge").count()).toBe(0);
    }
  }, 90_000);

  it("all three type answers at once in different sections, and everyone converges", async () => {
    const words: Record<Lng, string> = {
      en: "A site visit to the day centre.",
      "pt-BR": "Choveu e o ônibus atrasou.",
      "zh-CN": "翻译时间比预期长。",
    };
    const sectionOf: Record<Lng, number> = { en: 0, "pt-BR": 1, "zh-CN": 2 };
    // Each places their caret first (a click that crosses a remote change can land where the caret was
    // before: y-prosemirror restores the selection it saw), then all three type at the same time.
    for (const lng of ["en", "pt-BR", "zh-CN"] as const) {
      const page = pages[lng];
      await page.locator(".template-section__answer").nth(sectionOf[lng]).click();
      await expect.poll(() => caretSection(page)).toBe(sectionOf[lng]);
    }
    await Promise.all(
      (["en", "pt-BR", "zh-CN"] as const).map((lng) => pages[lng].keyboard.type(words[lng], { delay: 15 })),
    );
    const expected = [words.en, words["pt-BR"], words["zh-CN"], "", ""];
    for (const lng of ["en", "pt-BR", "zh-CN"] as const) {
      await expect.poll(() => answers(pages[lng]), { timeout: 10_000 }).toEqual(expected);
    }
    // The Chinese page did send its answer as updates: the counter below sees real edits.
    expect(zhUpdates.count).toBeGreaterThan(0);
  }, 90_000);

  it("a reload keeps every prompt and answer", async () => {
    const page = pages["pt-BR"];
    const before = await answers(page);
    await page.reload();
    const texts = builtIn("pt-BR")["after-action-review"]!.sections;
    await expect
      .poll(() => prompts(page), { timeout: 10_000 })
      .toEqual(AAR_SECTIONS.map((id) => texts[id]!.prompt));
    await expect.poll(() => answers(page), { timeout: 10_000 }).toEqual(before);
  }, 90_000);

  it("switching the UI language re-renders the prompts at once and sends no update", async () => {
    const page = pages["zh-CN"];
    // Let the typing of the test before settle: every update it made has been sent.
    await page.waitForTimeout(500);
    const sent = zhUpdates.count;
    await page.getByRole("combobox", { name: "界面语言" }).selectOption("en");
    const english = builtIn("en")["after-action-review"]!.sections;
    await expect
      .poll(() => prompts(page), { timeout: 5_000 })
      .toEqual(AAR_SECTIONS.map((id) => english[id]!.prompt));
    await page.waitForTimeout(1_000);
    expect(zhUpdates.count).toBe(sent);
    await page.getByRole("combobox", { name: "Interface language" }).selectOption("zh-CN");
    const chinese = builtIn("zh-CN")["after-action-review"]!.sections;
    await expect
      .poll(() => prompts(page), { timeout: 5_000 })
      .toEqual(AAR_SECTIONS.map((id) => chinese[id]!.prompt));
    await page.waitForTimeout(500);
    expect(zhUpdates.count).toBe(sent);
    // The reader's choice is remembered for them in this exchange, the switch back included.
    await expect
      .poll(
        async () =>
          (
            await li.session.ok<{ me: { uiLanguage: string } }>(
              "GET",
              `/api/exchanges/${exchange.exchangeId}`,
            )
          ).me.uiLanguage,
      )
      .toBe("zh-CN");
  }, 90_000);

  it("Backspace at the start of an answer does not delete or merge its section; select all + delete keeps every section", async () => {
    const page = pages.en;
    const second = page.locator(".template-section__answer").nth(1);
    await second.click();
    await page.keyboard.press("Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    // Delete at the very end of an answer does not pull the next section's answer up either.
    await page.locator(".template-section__answer").first().click();
    await page.keyboard.press("End");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Delete");
    const expected = [
      "A site visit to the day centre.",
      "Choveu e o ônibus atrasou.",
      "翻译时间比预期长。",
      "",
      "",
    ];
    for (const lng of ["en", "pt-BR", "zh-CN"] as const) {
      await expect.poll(() => answers(pages[lng]), { timeout: 5_000 }).toEqual(expected);
    }
    await page.locator(".template-section__answer").first().click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    for (const lng of ["en", "pt-BR", "zh-CN"] as const) {
      await expect.poll(() => answers(pages[lng]), { timeout: 5_000 }).toEqual(["", "", "", "", ""]);
      expect(await pages[lng].locator(".template-section__prompt").count()).toBe(5);
    }
    // The answers are still there to write in, and nobody's copy was refused by the server.
    await page.locator(".template-section__answer").nth(3).click();
    await page.keyboard.type("Keep the interpreters' briefing.");
    await expect
      .poll(() => answers(pages["zh-CN"]), { timeout: 5_000 })
      .toEqual(["", "", "", "Keep the interpreters' briefing.", ""]);
    expect(
      await page
        .getByRole("alert")
        .filter({ hasText: /refused|not saved/i })
        .count(),
    ).toBe(0);
    // Ctrl+Home puts the caret before the first prompt: typing there writes in the first answer.
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("Z");
    await expect
      .poll(() => answers(pages["pt-BR"]), { timeout: 5_000 })
      .toEqual(["Z", "", "", "Keep the interpreters' briefing.", ""]);
  }, 90_000);

  it("a custom template made in the UI in English and Chinese shows the English prompt, marked, to the Portuguese reader", async () => {
    const page = pages.en;
    await page.goto(`/x/${exchange.exchangeId}`);
    await page.getByRole("link", { name: "New template" }).click();
    await page.getByRole("heading", { name: "New template" }).waitFor();
    // Saving with nothing filled in says what is missing, in words, and saves nothing.
    await page.getByRole("button", { name: "Save template" }).click();
    await page.getByText("2 fields need attention; nothing was saved yet.").waitFor();
    await page.getByLabel("Name in English").fill("Site visit debrief");
    await page.getByLabel("Name in Chinese").fill("实地考察复盘");
    await page.getByLabel("Usual run time (minutes)").fill("30");
    await page.getByLabel("Prompt in English").fill("What surprised you on the visit?");
    await page.getByLabel("Prompt in Chinese").fill("这次考察中，什么让你感到意外？");
    // A second section, written in English only, moved up by keyboard then back down by its button.
    await page.getByRole("button", { name: "Add section" }).click();
    const second = page.getByLabel("Prompt in English").nth(1);
    await second.fill("What would we try at home?");
    await second.press("Alt+ArrowUp");
    await expect
      .poll(() => page.getByLabel("Prompt in English").first().inputValue())
      .toBe("What would we try at home?");
    expect(
      await page
        .getByLabel("Prompt in English")
        .first()
        .evaluate((field) => field === document.activeElement),
    ).toBe(true);
    await page.getByRole("button", { name: "Move section 1 down" }).click();
    await expect
      .poll(() => page.getByLabel("Prompt in English").nth(1).inputValue())
      .toBe("What would we try at home?");
    // Switching the interface language mid-edit keeps everything typed (the new strings load meanwhile).
    await page.getByRole("combobox", { name: "Interface language" }).selectOption("pt-BR");
    await expect.poll(() => page.getByLabel("Nome em inglês").inputValue()).toBe("Site visit debrief");
    await page.getByRole("combobox", { name: "Idioma da interface" }).selectOption("en");
    await expect
      .poll(() => page.getByLabel("Prompt in Chinese").first().inputValue())
      .toBe("这次考察中，什么让你感到意外？");
    // Leaving with unsaved changes asks first.
    await page.getByRole("link", { name: /^Back to / }).click();
    const leave = page.getByRole("dialog", { name: "Leave without saving?" });
    await leave.getByRole("button", { name: "Keep editing" }).click();
    await leave.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Save template" }).click();
    await page.waitForURL(new RegExp(`/x/${exchange.exchangeId}$`), { timeout: 10_000 });

    await page.getByRole("button", { name: "New document" }).click();
    const dialog = page.getByRole("dialog", { name: "New document" });
    await dialog.getByRole("combobox", { name: "Kind" }).selectOption("reflection");
    await dialog.getByRole("radio", { name: "Site visit debrief" }).check();
    await dialog.getByRole("button", { name: "Create document" }).click();
    await page.waitForURL(/\/d\/[^/]+$/, { timeout: 10_000 });
    const url = new URL(page.url()).pathname;

    const pt = pages["pt-BR"];
    await pt.goto(url);
    await expect
      .poll(() => prompts(pt), { timeout: 10_000 })
      .toEqual(["What surprised you on the visit?", "What would we try at home?"]);
    // Never an empty prompt: the text that exists, marked with its language ("EN"), for each section.
    const badges = pt.locator(".template-section__prompt .template-section__badge");
    expect(await badges.allInnerTexts()).toEqual([
      ui("pt-BR").section.badge.en,
      ui("pt-BR").section.badge.en,
    ]);
    expect(
      await pt
        .locator(".template-section__prompt .template-section__text")
        .evaluateAll((texts) => texts.map((text) => text.getAttribute("lang"))),
    ).toEqual(["en", "en"]);
    const zh = pages["zh-CN"];
    await zh.goto(url);
    await expect
      .poll(() => prompts(zh), { timeout: 10_000 })
      .toEqual(["这次考察中，什么让你感到意外？", "What would we try at home?"]);
    // Chinese exists for the first prompt only: the second is marked as English.
    expect(await zh.locator(".template-section__badge").allInnerTexts()).toEqual([
      ui("zh-CN").section.badge.en,
    ]);
  }, 90_000);

  it("exports a template as a file and imports it back; a bad file is refused with each problem explained", async () => {
    const page = pages.en;
    await page.goto(`/x/${exchange.exchangeId}`);
    const card = page.getByRole("region", { name: "Templates" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: "Export “Site visit debrief” as a file" }).click(),
    ]);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(file).toMatchObject({
      version: 1,
      kind: "reflection",
      name: { en: "Site visit debrief", "zh-CN": "实地考察复盘" },
      durationMinutes: 30,
      sections: [
        { prompt: { en: "What surprised you on the visit?", "zh-CN": "这次考察中，什么让你感到意外？" } },
        { prompt: { en: "What would we try at home?" } },
      ],
    });

    const input = card.locator('input[type="file"]');
    await input.setInputFiles({
      name: "debrief.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await card.getByText("“Site visit debrief” was imported.").waitFor();
    await expect.poll(() => card.getByText("Site visit debrief", { exact: true }).count()).toBe(2);

    const bad = { ...file, sections: [{ id: "a", prompt: { en: "<script>alert(1)</script>" } }] };
    await input.setInputFiles({
      name: "bad.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const problems = card.getByRole("alert");
    await problems.getByText("This file could not be imported; nothing was saved:").waitFor();
    expect(await problems.getByRole("listitem").allInnerTexts()).toEqual([
      "Section 1, Prompt (English): Markup and scripts are not allowed in a template’s text (tags, “javascript:” links, event handlers).",
    ]);
    await input.setInputFiles({
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from("{oops"),
    });
    await expect
      .poll(() => problems.getByRole("listitem").allInnerTexts())
      .toEqual(["The file is not valid JSON (it may be damaged or not a template)."]);
    // A delegate sees the templates and can export them, but not make, import, edit or delete any.
    const delegate = pages["pt-BR"];
    await delegate.goto(`/x/${exchange.exchangeId}`);
    const theirs = delegate.getByRole("region", { name: "Modelos" });
    await theirs.getByText("Site visit debrief", { exact: true }).first().waitFor();
    expect(
      await theirs.getByRole("link", { name: "Exportar “Site visit debrief” como arquivo" }).count(),
    ).toBe(2);
    expect(await theirs.getByRole("link", { name: "Novo modelo" }).count()).toBe(0);
    expect(await theirs.getByRole("button", { name: /Importar|Excluir|Duplicar/ }).count()).toBe(0);
    expect(await theirs.getByRole("link", { name: /Editar/ }).count()).toBe(0);
    // Nothing of either was stored.
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByRole("region", { name: "Templates" })
          .getByText("Site visit debrief", { exact: true })
          .count(),
      )
      .toBe(2);

    // The imported copy is edited (renamed) and saved, then deleted after confirming.
    const templates = page.getByRole("region", { name: "Templates" });
    await templates.getByRole("link", { name: "Edit “Site visit debrief”" }).last().click();
    await page.getByRole("heading", { name: "Edit template" }).waitFor();
    await page.getByLabel("Name in English").fill("Site visit debrief, short");
    await page.getByRole("button", { name: "Save template" }).click();
    await page.waitForURL(new RegExp(`/x/${exchange.exchangeId}$`), { timeout: 10_000 });
    await templates.getByText("Site visit debrief, short", { exact: true }).waitFor();
    await templates.getByRole("button", { name: "Delete “Site visit debrief, short”" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete “Site visit debrief, short”?" });
    await confirm.getByRole("button", { name: "Delete template" }).click();
    await confirm.waitFor({ state: "hidden" });
    await expect
      .poll(() => templates.getByText("Site visit debrief, short", { exact: true }).count())
      .toBe(0);
    expect(await templates.getByText("Site visit debrief", { exact: true }).count()).toBe(1);
  }, 90_000);
});
