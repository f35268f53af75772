import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { serverAndBrowser } from "../support/browser";
import { type Lng, runScene, runStrings } from "../support/runScene";
import { callApi, expectNoAxeViolations, expectNoSidewaysScroll, PHONE, shoot } from "./screensSupport";

const WORDS: Record<Lng, { facilitator: string; delegate: string; action: string }> = {
  en: {
    facilitator: "The kitchen visit was cut short by the rain.",
    delegate: "Donations arrive every morning and are sorted by volunteers.",
    action: "Share the sorting checklist with the Chengdu team",
  },
  "pt-BR": {
    facilitator: "A visita à cozinha foi encurtada por causa da chuva.",
    delegate: "As doações chegam toda manhã e voluntários fazem a triagem.",
    action: "Enviar a lista de triagem para a equipe de Chengdu",
  },
  "zh-CN": {
    facilitator: "因为下雨，厨房参观时间缩短了。",
    delegate: "每天早上都有捐赠送到，由志愿者分拣。",
    action: "把分拣清单发给成都团队",
  },
};

/**
 * Each phase of a run, as the facilitator and a delegate see it, axe-clean and screenshotted (desktop,
 * tablet, phone) in English, Portuguese and Chinese: setup, silent writing, contributions, vote, tallies,
 * actions, summary, and the exchange page's actions card.
 */
describe.each(["en", "pt-BR", "zh-CN"] as const)("facilitated run screens in %s", (lng) => {
  const env = serverAndBrowser();
  const s = runStrings(lng);
  let facilitator: Page;
  let delegate: Page;
  let scene: Awaited<ReturnType<typeof runScene>>;

  const check = async (page: Page, name: string) => {
    await expectNoAxeViolations(page, `${name} (${lng})`);
    await shoot(page, `run-${name}-${lng}`);
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page, `${name} (${lng}, phone)`);
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  beforeAll(async () => {
    scene = await runScene(env.browser, env.server.url, undefined, { en: lng, "pt-BR": lng, "zh-CN": lng });
    facilitator = scene.pages.en;
    delegate = scene.pages["pt-BR"];
    await Promise.all([facilitator.goto(scene.documentUrl), delegate.goto(scene.documentUrl)]);
  }, 60_000);

  it("setup and silent writing", { timeout: 120_000 }, async () => {
    // The page first loads, then switches to the reader's language: slow on a busy machine.
    await expect.poll(() => facilitator.locator(".run-setup").count(), { timeout: 60_000 }).toBe(1);
    await check(facilitator, "setup");
    await facilitator.getByRole("button", { name: s.setup.start }).click();
    for (const [page, text] of [
      [facilitator, WORDS[lng].facilitator],
      [delegate, WORDS[lng].delegate],
    ] as const) {
      await expect
        .poll(() => page.locator("#run-phase-name").textContent(), { timeout: 10_000 })
        .toBe(s.phase.write.name);
      const section = page.locator('[data-draft-section="keep"]');
      await section.getByRole("button", { name: s.draft.add }).click();
      await section.locator("textarea").last().fill(text);
    }
    await check(facilitator, "write-facilitator");
    await check(delegate, "write-delegate");
    // Paused, then time up (said calmly), as everyone sees them.
    await facilitator.getByRole("button", { name: s.controls.pause }).click();
    await expect
      .poll(() => delegate.locator(".run-bar__clock-label").textContent(), { timeout: 10_000 })
      .toBe(s.paused);
    await check(delegate, "paused");
    await facilitator.getByRole("button", { name: s.controls.resume }).click();
    await callApi(facilitator, "POST", scene.run.base, { type: "adjust", minutes: -10 });
    await expect
      .poll(() => delegate.locator(".run-bar__up").textContent(), { timeout: 10_000 })
      .toBe(s.timeUp);
    await check(facilitator, "time-up");
    await callApi(facilitator, "POST", scene.run.base, { type: "adjust", minutes: 5 });
  });

  it("contributions, vote, tallies", { timeout: 120_000 }, async () => {
    await facilitator.waitForTimeout(800);
    await facilitator.getByRole("button", { name: s.controls.reveal }).click();
    await expect.poll(() => delegate.locator(".run-contribution").count(), { timeout: 10_000 }).toBe(2);
    await facilitator.getByRole("button", { name: s.controls.next }).click();
    await facilitator.getByRole("button", { name: s.controls.next }).click();
    await expect
      .poll(() => delegate.locator("#run-phase-name").textContent(), { timeout: 10_000 })
      .toBe(s.phase.discuss.name);
    await check(delegate, "discuss-delegate");
    await facilitator.getByRole("button", { name: s.controls.next }).click();
    await expect
      .poll(() => delegate.locator("#run-phase-name").textContent(), { timeout: 10_000 })
      .toBe(s.phase.vote.name);
    await delegate
      .getByRole("button", { name: s.vote.add.replace("{{text}}", WORDS[lng].facilitator) })
      .click();
    await delegate.waitForTimeout(400);
    await check(delegate, "vote-delegate");
    await check(facilitator, "vote-facilitator");
    await facilitator.getByRole("button", { name: s.controls.closeVote }).click();
    await expect.poll(() => delegate.getByTestId("tally").count(), { timeout: 10_000 }).toBe(2);
    await check(delegate, "tallies-delegate");
  });

  it("actions, summary and the exchange page", { timeout: 120_000 }, async () => {
    await facilitator.getByRole("button", { name: s.controls.next }).click();
    await expect
      .poll(() => facilitator.locator("#run-phase-name").textContent(), { timeout: 10_000 })
      .toBe(s.phase.actions.name);
    await facilitator
      .locator(".run-contribution", { hasText: WORDS[lng].delegate })
      .getByRole("button", { name: s.contributions.makeAction })
      .click();
    const form = facilitator.getByRole("form", { name: s.actions.new });
    await form.getByLabel(s.actions.what).fill(WORDS[lng].action);
    await form.getByLabel(s.actions.owner).selectOption({ label: "Ana Souza" });
    await form.getByLabel(s.actions.due).fill("2027-03-15");
    await check(facilitator, "actions-form");
    await form.getByRole("button", { name: s.actions.create }).click();
    await expect
      .poll(() => delegate.locator(".run-actions .run-action").count(), { timeout: 10_000 })
      .toBe(1);
    await check(delegate, "actions-delegate");
    await facilitator.getByRole("button", { name: s.controls.next }).click();
    facilitator.once("dialog", (dialog) => void dialog.accept());
    await facilitator.getByRole("button", { name: s.controls.close }).click();
    await expect.poll(() => delegate.locator(".run-summary").count(), { timeout: 10_000 }).toBe(1);
    await check(delegate, "summary");
    const exchangePage = await scene.contexts["pt-BR"].newPage();
    await exchangePage.goto(`/x/${scene.exchange.exchangeId}`);
    await expect
      .poll(() => exchangePage.locator(".run-actions-card .run-action").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await check(exchangePage, "exchange-actions");
    await exchangePage.close();
  });
});
