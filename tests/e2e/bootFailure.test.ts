import { describe, expect, it } from "vitest";
import { newUserContext, serverAndBrowser } from "../support/browser";

describe("a first screen that cannot be downloaded", () => {
  const env = serverAndBrowser();

  it("reloads once, then turns the loading shell into a message in the reader's language", async () => {
    const context = await newUserContext(env.browser, { baseURL: env.server.url, language: "pt-BR" });
    // The reader's language never arrives (a flaky proxy, or files replaced by a new release).
    await context.route(/\/assets\/locale-[^/]+\.js$/, (route) => route.abort());
    const page = await context.newPage();
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto("/");
    const message = page.getByRole("alert");
    await message.waitFor({ timeout: 10_000 });
    // Rendered text: the shell holds the message in every language and shows the reader's only.
    // biome-ignore lint/performance/useDomNodeTextContent: what is shown is the point
    expect(await message.innerText()).toBe(
      "Não foi possível carregar o Mutual. Verifique sua conexão e recarregue a página.",
    );
    expect(loads).toBe(2);
    expect(await page.getByRole("status").isVisible()).toBe(false);
    await context.close();
  });
});
