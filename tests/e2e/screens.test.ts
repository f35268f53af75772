import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserContext } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";

const SHOTS = join(import.meta.dirname, "..", "..", "test-results", "screens");
const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

// Each language is detected from the browser locale (nothing stored), with text a delegate would write.
const LANGUAGES = [
  {
    lng: "en",
    locale: "en-GB",
    timezoneId: "Europe/London",
    name: "Grace Okafor",
    newDocument: "New document",
    editorLabel: "Document text",
    title: "Food policy exchange — agenda",
    body: "Day one: what each delegation wants to learn.",
  },
  {
    lng: "pt-BR",
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
    name: "Ana Souza",
    newDocument: "Novo documento",
    editorLabel: "Texto do documento",
    title: "Intercâmbio de políticas alimentares — pauta",
    body: "Primeiro dia: o que cada delegação quer aprender.",
  },
  {
    lng: "zh-CN",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    name: "李伟",
    newDocument: "新建文档",
    editorLabel: "文档正文",
    title: "食品政策交流——议程",
    body: "第一天：各代表团希望学习什么。",
  },
] as const;

async function expectNoAxeViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

async function shoot(page: Page, name: string) {
  for (const [suffix, viewport] of [
    ["", DESKTOP],
    ["-tablet", TABLET],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `${name}${suffix}.png`) });
  }
  await page.setViewportSize(DESKTOP);
}

describe("screens in every UI language", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const language of LANGUAGES) {
    it(`home and document in ${language.lng}: detected, accessible, screenshotted`, async () => {
      const context = await newUserContext(browser, {
        baseURL: server.url,
        locale: language.locale,
        timezoneId: language.timezoneId,
      });
      const page = await context.newPage();
      await page.goto("/");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lng);
      await page.getByRole("button", { name: language.newDocument }).waitFor();
      await expectNoAxeViolations(page, `${language.lng} home (empty)`);
      await shoot(page, `${language.lng}-home-empty`);

      // Without a name, "New document" shows a translated error and stays here.
      await page.getByRole("button", { name: language.newDocument }).click();
      const nameField = page.locator("input[autocomplete=name]");
      expect(await nameField.getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page, `${language.lng} home (name error)`);
      await shoot(page, `${language.lng}-home-error`);

      await nameField.fill(language.name);
      await page.getByRole("button", { name: language.newDocument }).click();
      const editor = page.getByRole("textbox", { name: language.editorLabel });
      await editor.waitFor();
      await page.locator("input.document-title").fill(language.title);
      await editor.click();
      await page.keyboard.type(language.body);
      await page.keyboard.press("Enter");
      await page.keyboard.press("Control+Shift+8");
      await page.keyboard.type(language.name);
      await page.locator(".status-pill--success").waitFor({ timeout: 10_000 });
      await expectNoAxeViolations(page, `${language.lng} document`);
      await shoot(page, `${language.lng}-document`);

      await page.goBack();
      await page.locator(".recent__link").first().waitFor();
      expect(await page.locator(".recent__name").first().innerText()).toBe(language.title);
      await expectNoAxeViolations(page, `${language.lng} home (recent)`);
      await shoot(page, `${language.lng}-home`);
      await context.close();
    });
  }

  it("switches the UI language live, without a reload, and remembers it", async () => {
    const context = await newUserContext(browser, {
      baseURL: server.url,
      displayName: "Grace",
      language: "en",
    });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "New document" }).click();
    await page.getByRole("textbox", { name: "Document text" }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await page.getByRole("combobox", { name: "Interface language" }).selectOption("zh-CN");
    await page.getByRole("textbox", { name: "文档正文" }).waitFor({ timeout: 2_000 });
    await page.getByRole("toolbar", { name: "格式" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await page.getByRole("combobox", { name: "界面语言" }).selectOption("pt-BR");
    await page.getByRole("button", { name: "Negrito" }).waitFor({ timeout: 2_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    await page.goto("/x/not-valid/d/x");
    await page.getByRole("heading", { name: "Documento não encontrado" }).waitFor();
    await expectNoAxeViolations(page, "pt-BR invalid document");
    await shoot(page, "pt-BR-invalid-document");
    await page.goto("/nowhere");
    await page.getByRole("heading", { name: "Página não encontrada" }).waitFor();
    await shoot(page, "pt-BR-not-found");
    await context.close();
  });

  it("asks for a name before joining a shared link", async () => {
    const context = await newUserContext(browser, { baseURL: server.url, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/x/AAAAAAAAAAAAAAAA/d/BBBBBBBBBBBBBBBB");
    await page.getByRole("heading", { name: "加入此文档" }).waitFor();
    await expectNoAxeViolations(page, "zh-CN name gate");
    await shoot(page, "zh-CN-name-gate");
    await page.getByRole("textbox", { name: "你的名字" }).fill("王芳");
    await page.getByRole("button", { name: "加入文档" }).click();
    await page.getByRole("textbox", { name: "文档正文" }).waitFor();
    await context.close();
  });
});
