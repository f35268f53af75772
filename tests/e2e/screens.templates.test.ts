import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { serverAndBrowser } from "../support/browser";
import {
  callApi,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  LANGUAGES,
  PHONE,
  pageIn,
  shoot,
} from "./screensSupport";

// Delegations named as each language's readers would (the pair labels of "who learned what" show them).
const DELEGATIONS = {
  en: ["Recife health team", "Bristol city council", "Chengdu planning office"],
  "pt-BR": ["Equipe de saúde do Recife", "Prefeitura de Bristol", "Secretaria de planejamento de Chengdu"],
  "zh-CN": ["累西腓卫生团队", "布里斯托尔市议会", "成都市规划局"],
} as const;

/**
 * The sections fit the page on a phone: no header or answer wider than the document's text box (the
 * document header above them is another screen's, checked by the main screens suite).
 */
async function expectSectionsFit(page: Page, where: string): Promise<void> {
  const overflow = await page.locator(".collab-editor__content").evaluate((content) => {
    const box = content.getBoundingClientRect();
    return [...content.querySelectorAll(".template-section, .template-section *")]
      .map((element) => element.getBoundingClientRect().right - box.right)
      .reduce((most, value) => Math.max(most, value), content.scrollWidth - content.clientWidth);
  });
  expect(overflow, `sections wider than the page on ${where}`).toBeLessThanOrEqual(0);
}

/**
 * Reflection templates on screen in each language: the gallery in "New document", the template editor
 * and a document made from a template (with its per-pair sections and a prompt shown in another
 * language, marked), each axe-clean and screenshotted at desktop, tablet and phone widths.
 */
describe("template screens", () => {
  const env = serverAndBrowser();

  for (const language of LANGUAGES) {
    it(`gallery, template editor and a templated document in ${language.lng}`, async () => {
      const exchange = await createExchange(env.server.url, language.exchange);
      const facilitator = exchange.facilitator.session;
      await exchange.setUiLanguage(exchange.facilitator, language.lng);
      const { context, page } = await pageIn(env, language, facilitator.cookie);
      const base = `/api/exchanges/${exchange.exchangeId}`;
      await page.goto(`/x/${exchange.exchangeId}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lng);
      for (const [index, name] of DELEGATIONS[language.lng].slice(1).entries()) {
        await callApi(page, "POST", `${base}/delegations`, {
          name,
          country: index === 0 ? "GB" : "CN",
          color: index === 0 ? "blue" : "rose",
          timeZone: index === 0 ? "Europe/London" : "Asia/Shanghai",
          workingLanguage: index === 0 ? "en" : "zh-CN",
        });
      }
      await callApi(page, "PATCH", `${base}/delegations/${exchange.delegation.id}`, {
        name: DELEGATIONS[language.lng][0],
      });
      // One template of the exchange's own, written in English only: other readers see it marked.
      await callApi(page, "POST", `${base}/templates`, {
        version: 1,
        kind: "reflection",
        name: { en: "Site visit debrief" },
        purpose: { en: "Ten minutes after each visit, while it is fresh." },
        durationMinutes: 20,
        sections: [{ id: "surprise", prompt: { en: "What surprised you on the visit?" }, guidance: {} }],
        runPlan: [{ kind: "write", minutes: 10 }],
      });
      await page.reload();

      // The exchange page with its Templates card.
      await page.locator(".templates__row").first().waitFor();
      await expectNoAxeViolations(page, `${language.lng} exchange with templates`);

      // The gallery.
      await page.locator(".card__actions .button--primary").first().click();
      const dialog = page.locator("dialog[open]");
      await dialog.locator("select").selectOption("reflection");
      await dialog.locator(".template-option").nth(1).waitFor();
      await dialog.locator(".template-option__radio").nth(1).check();
      await expectNoAxeViolations(page, `${language.lng} template gallery`);
      await shoot(page, `${language.lng}-templates-gallery`);
      await page.setViewportSize(PHONE);
      await expectNoSidewaysScroll(page, `${language.lng} gallery on a phone`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.keyboard.press("Escape");

      // The template editor: a copy of a built-in one, then an attempt to save it emptied (errors shown).
      await page.goto(`/x/${exchange.exchangeId}/templates/new?from=after-action-review`);
      await page.locator(".template-editor__section").nth(4).waitFor();
      await expectNoAxeViolations(page, `${language.lng} template editor`);
      await shoot(page, `${language.lng}-templates-editor`);
      await page.setViewportSize(PHONE);
      await expectNoSidewaysScroll(page, `${language.lng} template editor on a phone`);
      await page.setViewportSize({ width: 1280, height: 800 });
      for (const field of await page.locator(".template-editor__section").first().locator("textarea").all())
        await field.fill("");
      await page.locator(".template-editor__bar .button--primary").click();
      await page.locator(".template-editor__invalid").waitFor();
      await expectNoAxeViolations(page, `${language.lng} template editor with errors`);
      await shoot(page, `${language.lng}-templates-editor-errors`);

      // A document made from "Who learned what": one answer space per pair and direction.
      const pairs = await callApi<{ id: string }>(page, "POST", `${base}/documents`, {
        kind: "reflection",
        title: language.longTitle,
        templateId: "who-learned-what",
      });
      const own = await callApi<{ custom: Array<{ id: string }> }>(page, "GET", `${base}/templates`);
      const debrief = await callApi<{ id: string }>(page, "POST", `${base}/documents`, {
        kind: "reflection",
        title: language.document,
        templateId: own.custom[0]!.id,
      });
      await page.goto(`/x/${exchange.exchangeId}/d/${pairs.id}`);
      await page.locator(".template-section__pair").nth(5).waitFor({ timeout: 10_000 });
      await page.locator(".template-section__answer").first().click();
      await page.keyboard.type(language.body);
      expect(await page.locator(".template-section__pair").count()).toBe(6);
      await expectNoAxeViolations(page, `${language.lng} templated document`);
      await shoot(page, `${language.lng}-templates-document`);
      await page.setViewportSize(PHONE);
      await expectSectionsFit(page, `${language.lng} templated document on a phone`);
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.goto(`/x/${exchange.exchangeId}/d/${debrief.id}`);
      await page.locator(".template-section__prompt").first().waitFor({ timeout: 10_000 });
      const badges = await page.locator(".template-section__badge").count();
      expect(badges).toBe(language.lng === "en" ? 0 : 1);
      await expectNoAxeViolations(page, `${language.lng} templated document with a fallback prompt`);
      await shoot(page, `${language.lng}-templates-fallback`);
      await context.close();
    }, 180_000);
  }
});
