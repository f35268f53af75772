import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VersionSummary } from "../../shared/api/history";
import { DELEGATION_COLORS } from "../../shared/domain";
import { createExchange, type Member } from "../support/api";
import { editorText, newUserContext, serverAndBrowser, waitForEditorText } from "../support/browser";
import { chengduDelegation } from "../support/delegations";

/** rgb() of a hex colour, as computed styles give it. */
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

describe("version history in the browser", () => {
  const env = serverAndBrowser();
  let ana: Member;
  let li: Member;
  let base: string;
  let url: string;
  let anaContext: BrowserContext;
  let liContext: BrowserContext;
  let anaPage: Page;
  let liPage: Page;

  beforeAll(async () => {
    const fx = await createExchange(env.server.url);
    const chengdu = await fx.addDelegation(chengduDelegation("Chengdu office"));
    ana = await fx.join("delegate", "Ana Souza", { uiLanguage: "en" });
    li = await fx.join("delegate", "Li Wei", { delegationId: chengdu.id, uiLanguage: "en" });
    const { document } = await fx.newDocument("problem-statement");
    base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;
    url = `/x/${fx.exchangeId}/d/${document.id}`;
    const open = (member: Member) =>
      newUserContext(env.browser, {
        baseURL: env.server.url,
        sessionCookie: member.session.cookie,
        language: "en",
      });
    [anaContext, liContext] = await Promise.all([open(ana), open(li)]);
    [anaPage, liPage] = await Promise.all([anaContext.newPage(), liContext.newPage()]);
    for (const page of [anaPage, liPage]) {
      await page.goto(url);
      await page.getByRole("textbox", { name: "Document text" }).waitFor();
    }
  });
  afterAll(async () => {
    await anaContext?.close();
    await liContext?.close();
  });

  it("views, compares with delegation colours and names, restores, undoes, replays and tints who wrote what", async () => {
    await anaPage.getByRole("textbox", { name: "Document text" }).click();
    await anaPage.keyboard.type("Ana writes about water policy.");
    await waitForEditorText(liPage, (text) => text === "Ana writes about water policy.");
    await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "Day 1" });

    // Li adds a sentence and deletes Ana's "policy." (seven characters back from the end of her line).
    await liPage.getByRole("textbox", { name: "Document text" }).click();
    await liPage.keyboard.press("Control+End");
    for (let i = 0; i < 7; i++) await liPage.keyboard.press("Backspace");
    await liPage.keyboard.type("rules. Li adds rivers.");
    await waitForEditorText(anaPage, (text) => text === "Ana writes about water rules. Li adds rivers.");

    // Li names the current version from the panel.
    await liPage.getByRole("button", { name: "Version history" }).click();
    const liPanel = liPage.getByRole("dialog", { name: "Version history" });
    await liPanel.getByRole("button", { name: "Name current version" }).click();
    await liPanel.getByRole("textbox", { name: "Version name" }).fill("Li's pass");
    await liPanel.getByRole("button", { name: "Save" }).click();
    await liPanel.getByText("Li's pass").waitFor();
    await liPanel.getByRole("button", { name: "Close history" }).click();

    // Who wrote what: Ana's words in Recife's green, Li's in Chengdu's rose, from the server's record.
    const toggle = anaPage.getByRole("button", { name: "Who wrote what" });
    await toggle.click();
    const tinted = anaPage.locator(".collab-editor__content:not(.history-doc__content) .who-wrote");
    await tinted.first().waitFor();
    const runs = await tinted.evaluateAll((elements) =>
      elements.map((el) => [el.textContent, (el as HTMLElement).dataset.delegation]),
    );
    expect(
      runs.some(([text, who]) => text?.includes("Li adds rivers") && who === "Li Wei · Chengdu office"),
    ).toBe(true);
    expect(runs.some(([text, who]) => text?.includes("Ana writes") && who?.startsWith("Ana Souza · "))).toBe(
      true,
    );
    await toggle.click();
    await tinted.first().waitFor({ state: "detached" });

    // Ana opens history: the newest version shows as it was, read-only.
    await anaPage.getByRole("button", { name: "Version history" }).click();
    const panel = anaPage.getByRole("dialog", { name: "Version history" });
    await panel.getByText("Li's pass").waitFor();
    await panel.getByRole("button", { name: /Day 1/ }).click();
    const view = panel.getByRole("document", { name: /Version of/ });
    await expect.poll(() => view.textContent()).toBe("Ana writes about water policy.");
    expect(await view.getAttribute("contenteditable")).toBe("false");

    // Changes between Day 1 and Li's pass: Li's insertion and deletion in Chengdu's colour, her name on them.
    await panel.getByRole("button", { name: /Li's pass/ }).click();
    await panel.getByRole("button", { name: "Changes", exact: true }).click();
    const inserted = panel.locator("ins.history-change");
    await inserted.first().waitFor();
    expect(await inserted.allTextContents()).toEqual(["rules. Li adds rivers."]);
    expect(await panel.locator("del.history-change").allTextContents()).toEqual(["policy."]);
    expect(await inserted.first().getAttribute("aria-label")).toBe("Added by Li Wei (Chengdu office)");
    expect(await panel.locator("del.history-change").getAttribute("title")).toBe(
      "Deleted by Li Wei (Chengdu office)",
    );
    const shadow = await inserted.first().evaluate((el) => getComputedStyle(el).boxShadow);
    expect(shadow).toContain(rgb(DELEGATION_COLORS.rose));
    await inserted.first().focus();
    expect(await anaPage.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Added by Li Wei (Chengdu office)",
    );
    await expect
      .poll(() => panel.getByLabel("Changes by delegation").textContent())
      .toContain("Chengdu office: +4 words, −1");
    // Side by side: before without insertions, after without deletions.
    await panel.getByRole("button", { name: "Side by side" }).click();
    await expect
      .poll(() =>
        // biome-ignore lint/performance/useDomNodeTextContent: the side's hidden changes must not count
        panel.getByRole("document", { name: "Before" }).innerText(),
      )
      .toBe("Ana writes about water policy.");
    await expect
      .poll(() =>
        // biome-ignore lint/performance/useDomNodeTextContent: the side's hidden changes must not count
        panel.getByRole("document", { name: "After" }).innerText(),
      )
      .toBe("Ana writes about water rules. Li adds rivers.");

    // Restore Day 1: Li's open editor follows live; then undo.
    await panel.getByRole("button", { name: /Day 1/ }).click();
    await panel.getByRole("button", { name: "Restore this version" }).click();
    await anaPage
      .getByRole("dialog", { name: "Restore this version?" })
      .getByRole("button", { name: "Restore" })
      .click();
    await waitForEditorText(liPage, (text) => text === "Ana writes about water policy.");
    await panel.getByRole("status").getByRole("button", { name: "Undo" }).click();
    await waitForEditorText(liPage, (text) => text === "Ana writes about water rules. Li adds rivers.");
    await panel.getByText("Restore undone.").waitFor();
    expect(await editorText(anaPage)).toBe("Ana writes about water rules. Li adds rivers.");

    // Replay: to the start (empty), and back to now.
    await panel.getByRole("button", { name: "Replay", exact: true }).click();
    const slider = panel.getByRole("slider", { name: "Point in time" });
    await slider.waitFor();
    await slider.focus();
    await anaPage.keyboard.press("Home");
    await panel.getByText("Nothing has been written yet.").waitFor();
    await anaPage.keyboard.press("End");
    await expect
      .poll(() => panel.getByRole("document", { name: "Replay" }).textContent())
      .toBe("Ana writes about water rules. Li adds rivers.");
    await panel.getByRole("button", { name: "Close history" }).click();
  });
});
