import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { serverAndBrowser } from "../support/browser";
import { LNGS, type Lng, recordFrames, runScene, runStrings } from "../support/runScene";

/**
 * A whole After Action Review run in three browsers: the facilitator (English), a Brazilian delegate
 * (Portuguese, clock 5 minutes slow) and a Chinese delegate (Chinese, clock 5 minutes fast).
 */
const OFFLINE_TEXT = "Escrito sem internet, no ônibus de volta.";

describe("a facilitated run from start to close in three languages", () => {
  const env = serverAndBrowser();
  let scene: Awaited<ReturnType<typeof runScene>>;
  let pages: Record<Lng, Page>;
  const s = { en: runStrings("en"), "pt-BR": runStrings("pt-BR"), "zh-CN": runStrings("zh-CN") };
  const frames = {} as Record<Lng, { text(): string }>;
  const written: Record<Lng, string> = {
    en: "The agenda was too full to visit the kitchen.",
    "pt-BR": "A visita à cozinha comunitária mostrou o fluxo de doações.",
    "zh-CN": "社区厨房的捐赠流程很清楚。",
  };

  beforeAll(async () => {
    scene = await runScene(env.browser, env.server.url, { en: 0, "pt-BR": -5 * 60_000, "zh-CN": 5 * 60_000 });
    pages = scene.pages;
    for (const lng of LNGS) frames[lng] = recordFrames(pages[lng]);
    await Promise.all(LNGS.map((lng) => pages[lng].goto(scene.documentUrl)));
  }, 60_000);

  it("the facilitator starts the run; everyone sees the phase in their language and the same time left, whatever their clock", async () => {
    const en = pages.en;
    await en.getByRole("button", { name: s.en.setup.start }).click();
    for (const lng of LNGS) {
      await expect
        .poll(() => pages[lng].locator("#run-phase-name").textContent(), { timeout: 10_000 })
        .toBe(s[lng].phase.write.name);
      await expect
        .poll(() => pages[lng].locator(".run-bar__todo").textContent())
        .toBe(s[lng].phase.write.todo);
    }
    // Each page measured its offset from the server; they show the same seconds left within one second.
    await expect
      .poll(
        async () => {
          const left = await Promise.all(
            LNGS.map((lng) =>
              pages[lng].getByTestId("run-time").getAttribute("data-remaining-ms").then(Number),
            ),
          );
          return Math.max(...left) - Math.min(...left);
        },
        { timeout: 10_000 },
      )
      .toBeLessThan(1000);
    // The facilitator gives the discussion five more minutes while the run goes on.
    await en.locator(".run-bar__locks summary", { hasText: s.en.controls.later }).click();
    const discuss = en.getByRole("spinbutton", {
      name: s.en.setup.phaseLabel.replace("{{name}}", s.en.phase.discuss.name),
    });
    await discuss.fill("20");
    await discuss.press("Tab");
    const shown = await Promise.all(LNGS.map((lng) => pages[lng].getByTestId("run-time").textContent()));
    for (const text of shown) expect(text).toMatch(/^[78]:\d\d$/);
  });

  it("each writes in a private draft that nobody else has, in the page or on the wire, before the reveal", async () => {
    for (const lng of LNGS) {
      const page = pages[lng];
      const section = page.locator('[data-draft-section="keep"]');
      await section.getByRole("button", { name: s[lng].draft.add }).click();
      await section.locator("textarea").last().fill(written[lng]);
    }
    // Give the drafts time to reach the server (and anything that would leak, time to arrive).
    await pages.en.waitForTimeout(1500);
    for (const reader of LNGS) {
      const html = await pages[reader].content();
      for (const writer of LNGS) {
        if (writer === reader) continue;
        expect(html).not.toContain(written[writer]);
        expect(frames[reader].text()).not.toContain(written[writer]);
      }
    }
    // The draft survives a reload.
    await pages["pt-BR"].reload();
    await expect
      .poll(() => pages["pt-BR"].locator('[data-draft-section="keep"] textarea').last().inputValue(), {
        timeout: 10_000,
      })
      .toBe(written["pt-BR"]);
    // Written offline, it reaches the server once the device is back online.
    await scene.contexts["pt-BR"].setOffline(true);
    const change = pages["pt-BR"].locator('[data-draft-section="change"]');
    await change.getByRole("button", { name: s["pt-BR"].draft.add }).click();
    await change.locator("textarea").last().fill(OFFLINE_TEXT);
    await scene.contexts["pt-BR"].setOffline(false);
    await pages["pt-BR"].waitForTimeout(3000);
  });

  it("the reveal shows every contribution to everyone at once, with its author", async () => {
    await pages.en.getByRole("button", { name: s.en.controls.reveal }).click();
    for (const lng of LNGS) {
      for (const writer of LNGS) {
        await expect
          .poll(() => pages[lng].locator(".run-contributions").textContent(), { timeout: 10_000 })
          .toContain(written[writer]);
      }
      // In the shared document too.
      await expect
        .poll(() => pages[lng].locator(".collab-editor__content").textContent())
        .toContain(written["zh-CN"]);
    }
    expect(await pages["zh-CN"].locator(".run-contributions").textContent()).toContain("Ana Souza");
    expect(await pages.en.locator(".run-contributions").textContent()).toContain(OFFLINE_TEXT);
    // The frames recorded above are the real traffic: after the reveal they carry the others' words.
    expect(frames["pt-BR"].text()).toContain(written["zh-CN"]);
    expect(frames.en.text()).toContain(written["pt-BR"]);
  });

  it("votes are counted once the vote closes", async () => {
    const en = pages.en;
    // Next carries the phase the facilitator saw: each press waits for the run to have moved.
    for (const kind of ["reveal", "discuss", "vote"]) {
      await en.getByRole("button", { name: s.en.controls.next }).click();
      await expect
        .poll(() => en.locator("#run-phase-name").textContent(), { timeout: 10_000 })
        .toBe(s.en.phase[kind].name);
    }
    for (const lng of LNGS) {
      await expect
        .poll(() => pages[lng].locator("#run-phase-name").textContent(), { timeout: 10_000 })
        .toBe(s[lng].phase.vote.name);
    }
    // Both delegates put a dot on the Chinese contribution; the Brazilian a second one on the English one.
    const dot = (lng: Lng, text: string) =>
      pages[lng].getByRole("button", { name: s[lng].vote.add.replace("{{text}}", text) });
    await dot("pt-BR", written["zh-CN"]).click();
    await expect
      .poll(() => pages["pt-BR"].locator(".run-contributions .run-note").first().textContent())
      .toContain("2");
    await dot("pt-BR", written.en).click();
    await dot("zh-CN", written["zh-CN"]).click();
    await pages["zh-CN"].waitForTimeout(500);
    // No tally shows anywhere before the vote closes.
    for (const lng of LNGS) expect(await pages[lng].getByTestId("tally").count()).toBe(0);
    await en.getByRole("button", { name: s.en.controls.closeVote }).click();
    const tallyOf = (lng: Lng, text: string) =>
      pages[lng].locator(".run-contribution", { hasText: text }).getByTestId("tally").textContent();
    for (const lng of LNGS) {
      await expect
        .poll(() => tallyOf(lng, written["zh-CN"]), { timeout: 10_000 })
        .toBe(s[lng].contributions.votes_other.replace("{{count, number}}", "2"));
    }
    expect(await tallyOf("en", written.en)).toBe("1 dot");
  });

  it("two actions are made from contributions and appear on the exchange page, filterable", async () => {
    const en = pages.en;
    await en.getByRole("button", { name: s.en.controls.next }).click();
    await expect.poll(() => en.locator("#run-phase-name").textContent()).toBe(s.en.phase.actions.name);
    // From the Chinese contribution, owned by 李伟 (Chengdu).
    await en
      .locator(".run-contribution", { hasText: written["zh-CN"] })
      .getByRole("button", { name: s.en.contributions.makeAction })
      .click();
    const form = en.getByRole("form", { name: s.en.actions.new });
    await form.getByLabel(s.en.actions.owner).selectOption({ label: "李伟" });
    await form.getByLabel(s.en.actions.due).fill("2027-03-15");
    await form.getByRole("button", { name: s.en.actions.create }).click();
    await expect.poll(() => en.locator(".run-actions .run-action").count(), { timeout: 10_000 }).toBe(1);
    // The Brazilian delegate makes the second one, owned by someone outside the exchange.
    const pt = pages["pt-BR"];
    await pt
      .locator(".run-contribution", { hasText: written.en })
      .getByRole("button", { name: s["pt-BR"].contributions.makeAction })
      .click();
    const ptForm = pt.getByRole("form", { name: s["pt-BR"].actions.new });
    await ptForm.getByLabel(s["pt-BR"].actions.owner).selectOption({ label: s["pt-BR"].actions.ownerOther });
    await ptForm.getByLabel(s["pt-BR"].actions.ownerName).fill("Secretaria de Saúde");
    await ptForm
      .getByLabel(s["pt-BR"].actions.delegation)
      .selectOption({ label: "Belo Horizonte health team" });
    await ptForm.getByRole("button", { name: s["pt-BR"].actions.create }).click();
    for (const lng of LNGS) {
      await expect
        .poll(() => pages[lng].locator(".run-actions .run-action").count(), { timeout: 10_000 })
        .toBe(2);
    }
    const exchangePage = await scene.contexts.en.newPage();
    await exchangePage.goto(`/x/${scene.exchange.exchangeId}`);
    const card = exchangePage.locator(".run-actions-card");
    await expect.poll(() => card.locator(".run-action").count(), { timeout: 10_000 }).toBe(2);
    await card.getByLabel(s.en.exchange.filterDelegation).selectOption({ label: "Chengdu community health" });
    await expect.poll(() => card.locator(".run-action").count()).toBe(1);
    expect(await card.locator(".run-action").textContent()).toContain(written["zh-CN"]);
    await card.getByLabel(s.en.exchange.filterDelegation).selectOption({ label: s.en.exchange.all });
    await card.getByLabel(s.en.exchange.filterOwner).selectOption({ label: "Secretaria de Saúde" });
    await expect.poll(() => card.locator(".run-action").count()).toBe(1);
    await exchangePage.close();
  });

  it("a locked section cannot be typed in by a delegate; the others can", async () => {
    const en = pages.en;
    await en.locator(".run-bar__locks summary", { hasText: s.en.controls.locks }).click();
    const keep = '.template-section[data-section-id="keep"]';
    const keepPrompt = (await en.locator(`${keep} .template-section__prompt`).textContent())!.trim();
    const lock = en.getByRole("checkbox", {
      name: s.en.controls.lockSection.replace("{{section}}", keepPrompt),
    });
    // The box shows the run's state: it turns checked once the server has locked the section.
    await lock.click();
    await expect.poll(() => lock.isChecked(), { timeout: 10_000 }).toBe(true);
    const pt = pages["pt-BR"];
    await expect.poll(() => pt.locator(`${keep}.run-locked`).count(), { timeout: 10_000 }).toBe(1);
    await pt.locator(`${keep} .template-section__answer p`).last().click();
    await pt.keyboard.type("typed-while-locked");
    await pt
      .locator('.template-section[data-section-id="change"] .template-section__answer p')
      .last()
      .click();
    await pt.keyboard.type("typed-in-open-section");
    await expect
      .poll(() => en.locator(".collab-editor__content").textContent(), { timeout: 10_000 })
      .toContain("typed-in-open-section");
    expect(await pt.locator(".collab-editor__content").textContent()).not.toContain("typed-while-locked");
    // Stopped in the page: nothing was sent for the server's run guard to refuse.
    expect(env.server.logs.filter((line) => JSON.stringify(line).includes("update.run_guard"))).toEqual([]);
    expect(await en.locator(".collab-editor__content").textContent()).not.toContain("typed-while-locked");
    await lock.click();
    await expect.poll(() => pt.locator(".run-locked").count(), { timeout: 10_000 }).toBe(0);
    // Locking the whole document turns the delegate's editor read-only (the facilitator's stays editable).
    const lockAll = en.getByRole("checkbox", { name: s.en.controls.lockDocument });
    await lockAll.click();
    await expect
      .poll(() => pt.locator(".collab-editor__content").getAttribute("contenteditable"), { timeout: 10_000 })
      .toBe("false");
    await expect.poll(() => pt.locator(".run-note--lock").textContent()).toBe(s["pt-BR"].locked.document);
    expect(await en.locator(".collab-editor__content").getAttribute("contenteditable")).toBe("true");
    await lockAll.click();
    await expect
      .poll(() => pt.locator(".collab-editor__content").getAttribute("contenteditable"), { timeout: 10_000 })
      .toBe("true");
  });

  it("closing writes the summary: phases with their times, counts per delegation and the actions", async () => {
    const en = pages.en;
    await en.getByRole("button", { name: s.en.controls.next }).click();
    en.once("dialog", (dialog) => void dialog.accept());
    await en.getByRole("button", { name: s.en.controls.close }).click();
    for (const lng of LNGS) {
      const summary = pages[lng].locator(".run-summary");
      await expect.poll(() => summary.count(), { timeout: 10_000 }).toBe(1);
      const text = (await summary.textContent()) ?? "";
      for (const kind of ["write", "reveal", "discuss", "vote", "actions", "close"])
        expect(text).toContain(s[lng].phase[kind].name);
      expect(text).toContain("Secretaria de Saúde");
      expect(text).toContain(written["zh-CN"]);
    }
    expect(await pages.en.locator(".run-summary__phases").textContent()).toContain("planned 20 minutes");
    const row = (name: string) =>
      pages.en.locator(".run-summary__table tr", { hasText: name }).locator("td").allTextContents();
    // Ana wrote two (one offline) and placed two dots.
    expect(await row("Belo Horizonte health team")).toEqual(["2", "2"]);
    expect(await row("Chengdu community health")).toEqual(["1", "1"]);
    // Actions outlive the run: the Brazilian delegate marks one as under way after the close.
    const status = pages["pt-BR"]
      .locator(".run-actions .run-action", { hasText: "Secretaria de Saúde" })
      .getByLabel(s["pt-BR"].actions.status);
    await status.selectOption({ label: s["pt-BR"].actions.statusValue.doing });
    // The select shows the run map: "doing" once the server has written it.
    await expect.poll(() => status.inputValue(), { timeout: 10_000 }).toBe("doing");
    const exchangePage = await scene.contexts["zh-CN"].newPage();
    await exchangePage.goto(`/x/${scene.exchange.exchangeId}`);
    await expect
      .poll(() => exchangePage.locator(".run-actions-card [data-summary]").count(), { timeout: 10_000 })
      .toBe(1);
    await expect
      .poll(() =>
        exchangePage
          .locator(".run-actions-card .run-action", { hasText: "Secretaria de Saúde" })
          .textContent(),
      )
      .toContain(s["zh-CN"].actions.statusValue.doing);
    await exchangePage.close();
  });
});
