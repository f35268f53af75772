import { describe, expect, it } from "vitest";
import { facilitatorWithNotes, serverAndBrowser } from "../support/browser";

describe("the service worker with code split by route", () => {
  const env = serverAndBrowser();

  it("keeps every lazily loaded chunk: after one online visit to the home page, a document and another language open offline", async () => {
    const { exchange, notes, context, page } = await facilitatorWithNotes(env);
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto("/");
    await page.locator("main h1").waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The home page itself downloaded neither the editor nor another language.
    expect(fetched.filter((path) => /CollaborativeEditor|locale-zh-CN/.test(path))).toEqual([]);

    await context.setOffline(true);
    await page.goto(`/x/${exchange.exchangeId}/d/${notes.id}`);
    // Shell from the cache, then the document screen and the editor chunk, also from the cache.
    await page.getByRole("textbox", { name: "Document text" }).waitFor({ timeout: 10_000 });
    await page.locator(".status-pill").filter({ hasText: "Offline" }).waitFor({ timeout: 5_000 });

    await page.getByRole("combobox", { name: "Interface language" }).selectOption("zh-CN");
    await page.getByRole("textbox", { name: "文档正文" }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await context.close();
  });
});
