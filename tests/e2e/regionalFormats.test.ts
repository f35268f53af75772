import { describe, expect, it } from "vitest";
import type { UiLanguage } from "../../shared/domain";
import { createExchange } from "../support/api";
import { newUserContext, serverAndBrowser } from "../support/browser";

describe("dates, times and time zones", () => {
  const env = serverAndBrowser();

  // The fixture's exchange is in Europe/London, its delegation in America/Sao_Paulo (tests/support/api.ts).

  /** The exchange screen's home-zone line and the delegation card's local time, in one browser. */
  async function readZones(
    locale: string,
    language: UiLanguage,
    exchange: Awaited<ReturnType<typeof createExchange>>,
  ) {
    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: exchange.facilitator.session.cookie,
      locale,
      timezoneId: "Europe/London",
    });
    await exchange.setUiLanguage(exchange.facilitator, language);
    const page = await context.newPage();
    await page.goto(`/x/${exchange.exchangeId}`);
    await page.locator(".delegations__zone").waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    const home = (await page.locator(".exchange__zone").textContent()) ?? "";
    const delegation = (await page.locator(".delegations__zone").textContent()) ?? "";
    // The time-zone picker names every zone and gives its IANA id.
    await page.locator(".delegations__item").getByRole("button").first().click();
    const option = await page
      .locator("dialog[open] select option[value='Asia/Shanghai']")
      .evaluate((element) => element.textContent ?? "");
    await context.close();
    return { home, delegation, option };
  }

  it("follows the browser's region for the clock (en-GB: 24-hour, en-US: 12-hour), UI text in English", async () => {
    const exchange = await createExchange(env.server.url);
    const gb = await readZones("en-GB", "en", exchange);
    expect(gb.home).toMatch(/^Home time zone: /);
    expect(gb.home).toMatch(/now ([01]\d|2[0-3]):[0-5]\d(?!\s?[AP]M)/);
    const us = await readZones("en-US", "en", exchange);
    expect(us.home).toMatch(/now \d{1,2}:[0-5]\d\s?[AP]M/);
  }, 60_000);

  it("names time zones in the reader's language with the IANA id beside them, never 'Europe / London'", async () => {
    const exchange = await createExchange(env.server.url);
    const zones = {
      en: await readZones("en-GB", "en", exchange),
      "pt-BR": await readZones("pt-BR", "pt-BR", exchange),
      "zh-CN": await readZones("zh-CN", "zh-CN", exchange),
    };
    for (const { home, delegation, option } of Object.values(zones)) {
      expect(home).toContain("Europe/London");
      expect(home).not.toContain("Europe / London");
      expect(delegation).toContain(exchange.delegation.timeZone);
      expect(option).toContain("Asia/Shanghai");
    }
    expect(zones.en.home).toContain("United Kingdom Time");
    expect(zones["pt-BR"].home).toMatch(/Horário/);
    expect(zones["zh-CN"].home).toContain("英国时间");
    expect(zones["zh-CN"].option).toMatch(/^中国/);
  }, 90_000);
});
