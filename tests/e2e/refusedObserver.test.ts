import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { serverAndBrowser, waitForEditorText } from "../support/browser";
import { sharedNotes } from "../support/sharedNotes";

const AGREED = "Agreed wording.";

describe("an observer who forces the editor editable", () => {
  const env = serverAndBrowser();

  /** A facilitator writes the agreed text; an observer opens the document (status: all saved). */
  async function setUp() {
    const { url, facilitator: ana, guest: olga } = await sharedNotes(env, "observer", "Olga");
    const facilitator = await ana.newPage();
    await facilitator.goto(url);
    await facilitator.getByRole("textbox", { name: "Document text" }).click();
    await facilitator.keyboard.type(AGREED);
    await facilitator.locator(".status-pill", { hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    const page = await olga.newPage();
    await page.goto(url);
    await waitForEditorText(page, (text) => text === AGREED);
    await page.locator(".status-pill", { hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    return { page, facilitator, close: () => Promise.all([olga.close(), ana.close()]) };
  }

  /** The status says so, the text is the server's again, and stays so after a reload. */
  async function expectRefusedAndRestored(page: Page, facilitator: Page) {
    const status = page.locator(".status-pill");
    await status.filter({ hasText: "Changes refused" }).waitFor({ timeout: 10_000 });
    await page.getByRole("status").getByText("That change was not saved", { exact: false }).waitFor();
    await waitForEditorText(page, (text) => text === AGREED);
    expect(await status.textContent()).not.toContain("All changes saved");
    expect(await page.getByRole("textbox", { name: "Document text" }).getAttribute("contenteditable")).toBe(
      "false",
    );
    // Nothing of it stayed on the device (IndexedDB), and the facilitator never saw it.
    await page.waitForTimeout(300);
    await page.reload();
    await waitForEditorText(page, (text) => text === AGREED);
    await waitForEditorText(facilitator, (text) => text === AGREED);
  }

  it("typing after contenteditable is forced on: refused on the page, the screen keeps the server's text", async () => {
    const { page, facilitator, close } = await setUp();
    await page.evaluate(() => {
      const editor = document.querySelector<HTMLElement>(".ProseMirror");
      if (!editor) throw new Error("no editor");
      editor.contentEditable = "true";
      editor.focus();
    });
    await page.keyboard.press("End");
    await page.keyboard.type(" Forged.");
    await expectRefusedAndRestored(page, facilitator);
    await close();
  }, 60_000);

  it("changes made through the editor's own API: refused by the server, the local copy reset to its copy", async () => {
    const { page, facilitator, close } = await setUp();
    await page.evaluate(() => {
      // Tiptap keeps its editor on the DOM node; commands change the document even when not editable.
      const dom = document.querySelector(".ProseMirror") as
        | (HTMLElement & { editor?: { commands: { insertContentAt(at: number, text: string): boolean } } })
        | null;
      if (!dom?.editor) throw new Error("no editor");
      dom.editor.commands.insertContentAt(1, "Forged. ");
    });
    await expectRefusedAndRestored(page, facilitator);
    await close();
  }, 60_000);
});
