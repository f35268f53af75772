import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { addSessionCookie, newUserContext, serverAndBrowser, waitForEditorText } from "../support/browser";

/** What has focus: "h1:<text>", "editor", or the tag name (BODY when focus fell to the page). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active) return "none";
    if (active.matches(".collab-editor__content")) return "editor";
    if (active.tagName === "H1") return `h1:${active.textContent}`;
    return active.tagName;
  });
}

describe("focus after creating and opening", () => {
  const env = serverAndBrowser();

  it("goes to the new exchange's heading, then into the editor of a new or opened document", async () => {
    const context = await newUserContext(env.browser, { baseURL: env.server.url, language: "en" });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByLabel("Title", { exact: true }).fill("Recife–Bristol ageing exchange");
    await page.getByLabel("Your name").fill("Grace Okafor");
    await page.getByRole("button", { name: "Create exchange" }).click();
    await page.waitForURL(/\/x\/[^/]+$/);
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe("h1:Recife–Bristol ageing exchange");

    // A new document opens at once, ready to be written in.
    await page.getByRole("button", { name: "New document" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Title", { exact: true }).fill("Questions for the site visit");
    await dialog.getByRole("button", { name: "Create document" }).click();
    await page.waitForURL(/\/d\/[^/]+$/, { timeout: 10_000 });
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("editor");
    await page.keyboard.type("Typed without a click.");
    await waitForEditorText(page, (text) => text === "Typed without a click.");

    // Back to the exchange (its heading), then open the document from its list (the editor).
    await page.locator(".document-header__back").click();
    await page.waitForURL(/\/x\/[^/]+$/);
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe("h1:Recife–Bristol ageing exchange");
    await page.getByRole("link", { name: "Questions for the site visit" }).click();
    await page.waitForURL(/\/d\/[^/]+$/);
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("editor");
    await context.close();
  }, 60_000);

  it("leaves the editor alone on a touch screen, where focus would raise the keyboard over the text", async () => {
    const exchange = await createExchange(env.server.url);
    const { document: notes } = await exchange.newDocument("notes");
    const context = await env.browser.newContext({
      baseURL: env.server.url,
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await addSessionCookie(context, env.server.url, exchange.facilitator.session.cookie as string);
    const page = await context.newPage();
    expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);
    await page.goto(`/x/${exchange.exchangeId}/d/${notes.id}`);
    await page.locator('.collab-editor__content[contenteditable="true"]').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_000);
    expect(await focused(page)).toBe("BODY");
    await context.close();
  });
});
