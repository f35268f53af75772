import { beforeAll, describe, expect, it } from "vitest";
import type { DocumentInfo } from "../../shared/domain";
import { createExchange, type ExchangeFixture } from "../support/api";
import { newUserContext, serverAndBrowser } from "../support/browser";
import { addBristolAndChengdu } from "../support/delegations";
import { AAR_PHASES } from "../support/runFixture";
import { LNGS, type Lng, runStrings } from "../support/runScene";
import { expectNoAxeViolations, expectNoSidewaysScroll, PHONE, shoot } from "./screensSupport";

const WORDS: Record<Lng, string> = {
  en: "Chengdu showed us how to log donations by neighbourhood.",
  "pt-BR": "Chengdu nos mostrou como registrar as doações por bairro.",
  "zh-CN": "我们从成都学会了按街区登记捐赠。",
};

/**
 * A "who learned what" run's draft and revealed contributions, one answer space per pair of three
 * delegations, axe-clean, without sideways scroll on a phone, screenshotted in English, Portuguese and
 * Chinese.
 */
describe("who-learned-what run screens", () => {
  const env = serverAndBrowser();
  let exchange: ExchangeFixture;

  beforeAll(async () => {
    exchange = await createExchange(env.server.url);
    await addBristolAndChengdu(exchange, "Chengdu community health");
  }, 60_000);

  it.each(LNGS)("the draft and the contributions by pair in %s", { timeout: 120_000 }, async (lng) => {
    const s = runStrings(lng);
    const document = await exchange.facilitator.session.ok<DocumentInfo>(
      "POST",
      `/api/exchanges/${exchange.exchangeId}/documents`,
      { kind: "reflection", title: `Who learned what (${lng})`, templateId: "who-learned-what" },
    );
    const runPath = `/api/exchanges/${exchange.exchangeId}/documents/${document.id}/run`;
    const { session } = await exchange.join("delegate", `Delegate ${lng}`, { uiLanguage: lng });
    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: session.cookie,
      language: lng,
      locale: lng === "en" ? "en-GB" : lng,
    });
    const page = await context.newPage();
    await exchange.facilitator.session.ok("POST", runPath, AAR_PHASES);
    await page.goto(`/x/${exchange.exchangeId}/d/${document.id}`);
    const learned = page.locator('[data-draft-section="learned"]');
    // Three delegations: six directions.
    await expect.poll(() => learned.locator(".run-draft__pair").count(), { timeout: 60_000 }).toBe(6);
    const space = learned.locator('[data-draft-space="learned#5"]');
    await space.getByRole("button", { name: s.draft.add }).click();
    await space.locator("textarea").last().fill(WORDS[lng]);
    await learned.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, `who-learned-what draft (${lng})`);
    await shoot(page, `run-pairs-write-${lng}`);
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page, `who-learned-what draft (${lng}, phone)`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(1000);

    expect((await exchange.facilitator.session.request("POST", runPath, { type: "reveal" })).status).toBe(
      200,
    );
    await expect
      .poll(() => page.locator('.run-contributions [data-pair-index="5"]').textContent(), { timeout: 10_000 })
      .toContain(WORDS[lng]);
    await page.locator(".run-contributions").scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, `who-learned-what contributions (${lng})`);
    await shoot(page, `run-pairs-contributions-${lng}`);
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page, `who-learned-what contributions (${lng}, phone)`);
    await context.close();
  });
});
