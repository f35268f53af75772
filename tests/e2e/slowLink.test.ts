import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { serverAndBrowser } from "../support/browser";
import { paragraphsDoc, seedDocument } from "../support/seedDocument";
import { coldLoad, editableWith, LINKS, pageOnLink } from "../support/slowLink";

const loadingText = (language: string) =>
  (
    JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "locales", language, "common.json"), "utf8"),
    ) as { loading: string }
  ).loading;

describe(`a first visit to a document on ${LINKS.good3g.name} (750 kbit/s up), cold cache`, () => {
  const env = serverAndBrowser();

  for (const [language, locale] of [
    ["en", "en-GB"],
    ["zh-CN", "zh-CN"],
  ] as const) {
    it(`shows the loading shell in ${language} within a second, then the editable document (time printed)`, async () => {
      const exchange = await createExchange(env.server.url);
      const reader = await exchange.join("delegate", "Reader", { uiLanguage: language });
      const { document: agenda, room } = await exchange.newDocument("agenda");
      const marker = "Opening round: what each delegation hopes to learn";
      const paragraphs = [marker, ...Array.from({ length: 30 }, (_, i) => `Point ${i + 1} of the agenda.`)];
      await seedDocument(`${env.server.wsUrl}`, room, reader.session.cookie!, paragraphsDoc(paragraphs));

      const { context, page, cdp } = await pageOnLink(env.browser, {
        baseURL: env.server.url,
        link: LINKS.good3g,
        locale,
        sessionCookie: reader.session.cookie!,
      });
      const load = await coldLoad(
        page,
        cdp,
        `/x/${exchange.exchangeId}/d/${agenda.id}`,
        editableWith(marker),
      );
      console.log(
        `${language}, ${LINKS.good3g.name}: shell at ${Math.round(load.shellTextMs ?? -1)} ms, editable at ${Math.round(load.readyMs)} ms, ${Math.round(load.httpBytes / 1024)} KB HTTP + ${Math.round(load.webSocketBytes / 1024)} KB WebSocket`,
      );
      expect(load.shellText).toBe(loadingText(language));
      expect(load.shellTextMs).toBeLessThan(1000);
      expect(load.firstPaintMs).toBeLessThan(1000);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      await context.close();
    }, 90_000);
  }

  it("downloads another language only when chosen, showing that it is loading meanwhile", async () => {
    const { context, page, cdp } = await pageOnLink(env.browser, {
      baseURL: env.server.url,
      link: LINKS.good3g,
      locale: "en-GB",
    });
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await coldLoad(page, cdp, "/", { selector: "main h1", text: "" });
    expect(fetched.filter((path) => /locale-/.test(path))).toEqual([expect.stringMatching(/locale-en-/)]);

    await page.getByRole("combobox", { name: "Interface language" }).selectOption("pt-BR");
    // Behind a 300 ms round trip the download is seen: the switcher is busy and says why.
    await page.locator('.language-switcher[aria-busy="true"]').waitFor({ timeout: 1_000 });
    expect(await page.locator(".language-switcher [role=status]").textContent()).toBe(
      JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "locales", "en", "common.json"), "utf8"))
        .language.switching,
    );
    await page.getByRole("combobox", { name: "Idioma da interface" }).waitFor({ timeout: 10_000 });
    expect(await page.locator(".language-switcher").getAttribute("aria-busy")).toBe("false");
    expect(fetched.filter((path) => /locale-/.test(path))).toHaveLength(2);
    await context.close();
  });
});
