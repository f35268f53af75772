import { describe, expect, it } from "vitest";
import type { DocumentInfo } from "../../shared/domain";
import { createExchange } from "../support/api";
import { newUserContext, serverAndBrowser } from "../support/browser";

describe("a section deleted behind the editor's back", () => {
  const env = serverAndBrowser();

  it("is refused by the server: the page says why, shows the sections again and keeps writing", async () => {
    const exchange = await createExchange(env.server.url);
    const created = await exchange.facilitator.session.ok<DocumentInfo>(
      "POST",
      `/api/exchanges/${exchange.exchangeId}/documents`,
      { kind: "reflection", title: "Site visit review", templateId: "after-action-review" },
    );
    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: exchange.facilitator.session.cookie,
      language: "en",
    });
    const page = await context.newPage();
    await page.goto(`/x/${exchange.exchangeId}/d/${created.id}`);
    const sections = page.locator(".template-section");
    await sections.first().waitFor({ timeout: 15_000 });
    const count = await sections.count();
    expect(count).toBeGreaterThan(1);
    await page.locator(".status-pill", { hasText: "All changes saved" }).waitFor({ timeout: 10_000 });

    // Straight into the Y.Doc, past the editor's guard, as a broken or crafted client would.
    await page.evaluate(() => {
      type SyncState = { type: { delete(index: number, length: number): void } };
      const dom = document.querySelector(".ProseMirror") as
        | (Element & {
            editor?: {
              state: { plugins: Array<{ key: string; getState(state: unknown): unknown }> };
            };
          })
        | null;
      const editor = dom?.editor;
      const sync = editor?.state.plugins.find((plugin) => plugin.key.startsWith("y-sync"));
      if (!editor || !sync) throw new Error("no collaborative editor");
      (sync.getState(editor.state) as SyncState).type.delete(0, 1);
    });

    await page
      .getByRole("status")
      .getByText("a template's sections stay in place", { exact: false })
      .waitFor({ timeout: 10_000 });
    await expect.poll(() => sections.count(), { timeout: 10_000 }).toBe(count);
    // Not a read-only refusal: the editor stays writable and what is typed next is saved.
    const editor = page.getByRole("textbox", { name: "Document text" });
    await expect.poll(() => editor.getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await page.locator(".template-section__answer").first().click();
    await page.keyboard.type("We kept the schedule.");
    await page.locator(".status-pill", { hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.locator(".template-section").first().waitFor({ timeout: 15_000 });
    expect(await page.locator(".template-section").count()).toBe(count);
    await page.getByText("We kept the schedule.").waitFor({ timeout: 10_000 });
    await context.close();
  }, 90_000);
});
