import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { serverAndBrowser, waitForEditorText } from "../support/browser";
import { sharedNotes } from "../support/sharedNotes";

/** Opacity of the name on Bruno's caret as Ana sees it (reduced motion: no transition to wait for). */
function labelOpacity(page: Page): Promise<number> {
  return page
    .locator(".collaboration-carets__label")
    .evaluate((label) => Number(getComputedStyle(label).opacity));
}

describe("collaborators' caret names", () => {
  const env = serverAndBrowser();

  it("show while that person types or under the pointer, then fade; the coloured caret stays", async () => {
    const { url, facilitator: ana, guest: bruno } = await sharedNotes(env, "delegate", "Bruno Lima");
    const pageA = await ana.newPage();
    const pageB = await bruno.newPage();
    await pageA.goto(url);
    await pageA.getByRole("textbox", { name: "Document text" }).click();
    await pageA.keyboard.type("First line of the agenda.");
    await pageA.keyboard.press("Enter");
    await pageB.goto(url);
    await waitForEditorText(pageB, (text) => text.includes("First line"));
    await pageB.getByRole("textbox", { name: "Document text" }).click();
    await pageB.keyboard.press("Control+End");

    const caret = pageA.locator(".collaboration-carets__caret");
    await caret.waitFor({ timeout: 5_000 });
    // Quiet for a while: the bar is there, the name is not, and the line above can be read.
    await expect.poll(() => labelOpacity(pageA), { timeout: 5_000 }).toBe(0);
    expect(await caret.evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe("2px");

    // Typing: the name shows at once...
    await pageB.keyboard.type("Bruno writes here");
    await waitForEditorText(pageA, (text) => text.includes("Bruno writes here"));
    expect(await labelOpacity(pageA)).toBe(1);
    expect(await pageA.locator(".collaboration-carets__label").textContent()).toBe("Bruno Lima");
    // ...and goes about 1.5 s after the last keystroke.
    await expect.poll(() => labelOpacity(pageA), { timeout: 4_000, interval: 200 }).toBe(0);

    // Under the pointer it shows again.
    const box = await caret.boundingBox();
    if (!box) throw new Error("caret not laid out");
    await pageA.mouse.move(box.x + 1, box.y + box.height / 2);
    await pageA.mouse.move(box.x + 1, box.y + box.height / 2 + 1);
    expect(await labelOpacity(pageA)).toBe(1);
    await pageA.mouse.move(5, 5);
    expect(await labelOpacity(pageA)).toBe(0);

    await ana.close();
    await bruno.close();
  }, 60_000);
});
