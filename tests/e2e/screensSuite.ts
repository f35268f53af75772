import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorWithNotes, launchBrowser, newUserContext } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";
import {
  callApi,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  expectWhole,
  LANGUAGES,
  PHONE,
  recordHosts,
  SHOTS,
  shoot,
} from "./screensSupport";

type Language = (typeof LANGUAGES)[number];

/**
 * The document header shows the whole title at 1280 px (and in the window title), and the exchange's
 * name on a phone; the page never scrolls sideways there.
 */
async function expectHeaderWhole(page: Page, language: Language) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectWhole(page, ".document-title", `${language.lng} document header at 1280 px`);
  await expectWhole(page, ".document-header__exchange", `${language.lng} document header at 1280 px`);
  expect(await page.title()).toContain(language.longTitle);
  await page.setViewportSize(PHONE);
  await expectWhole(page, ".document-header__exchange", `${language.lng} document header on a phone`);
  await expectNoSidewaysScroll(page, `${language.lng} document on a phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * The exchange screen: zones by name with their IANA id (never "Europe / London"), times in the
 * browser's regional format, the role in the person form, and the invitation link itself in view.
 */
async function expectExchangeDetails(page: Page, language: Language) {
  const zone = (await page.locator(".exchange__zone").textContent()) ?? "";
  expect(zone).toContain(language.timezoneId);
  expect(zone).not.toContain(" / ");
  expect(await page.locator(".delegations__zone").textContent()).toContain("America/Sao_Paulo");
  if (language.locale === "en-GB") expect(zone).toMatch(/\b([01]\d|2[0-3]):[0-5]\d(?!\d|\s?[AP]M)/);
  await page.locator(".participants__item").getByText(language.facilitator).waitFor();
  const link = page.locator(".invites__link-input");
  await expect.poll(() => link.inputValue()).toMatch(/\/join\/[^/]+$/);
  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page, `${language.lng} exchange on a phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * The screens suite, one file per language so that the three run in parallel (screens.<lng>.test.ts);
 * the live-switch test runs with English.
 */
export function describeScreens(lng: (typeof LANGUAGES)[number]["lng"]): void {
  describe(`screens in ${lng}`, () => {
    let server: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    for (const language of LANGUAGES.filter((l) => l.lng === lng)) {
      it(`home, exchange, join and document in ${language.lng}: accessible, self-hosted, screenshotted`, async () => {
        const hosts = new Set<string>();
        const context = await newUserContext(browser, {
          baseURL: server.url,
          locale: language.locale,
          timezoneId: language.timezoneId,
        });
        recordHosts(context, hosts);
        const page = await context.newPage();
        await page.goto("/");
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lng);
        const create = page.getByRole("button", { name: language.create });
        await create.waitFor();
        await page.locator(".card-empty").waitFor();
        await expectNoAxeViolations(page, `${language.lng} home (empty)`);
        await shoot(page, `${language.lng}-home-empty`);

        // Required fields are checked before anything is sent, next to the fields.
        await create.click();
        expect(await page.locator('input[aria-invalid="true"]').count()).toBe(2);
        await expectNoAxeViolations(page, `${language.lng} home (errors)`);
        await shoot(page, `${language.lng}-home-error`);

        const inputs = page.locator("form input.text-field__input");
        await inputs.nth(0).fill(language.exchange);
        await page.locator("form textarea").fill(language.body);
        await page.locator("input[autocomplete=name]").fill(language.name);
        await create.click();
        await page.waitForURL(/\/x\/[^/]+$/, { timeout: 10_000 });
        const exchangeId = new URL(page.url()).pathname.split("/")[2]!;

        const delegation = await callApi<{ id: string }>(
          page,
          "POST",
          `/api/exchanges/${exchangeId}/delegations`,
          {
            name: language.delegation,
            country: "BR",
            color: "green",
            timeZone: "America/Sao_Paulo",
            workingLanguage: "pt-BR",
          },
        );
        const invite = await callApi<{ token: string }>(
          page,
          "POST",
          `/api/exchanges/${exchangeId}/invites`,
          {
            delegationId: delegation.id,
            role: "observer",
            expiresInHours: 24 * 7,
            maxUses: 5,
          },
        );
        const revoked = await callApi<{ id: string; token: string }>(
          page,
          "POST",
          `/api/exchanges/${exchangeId}/invites`,
          {
            delegationId: null,
            role: "delegate",
            expiresInHours: 24,
            maxUses: null,
          },
        );
        await callApi(page, "DELETE", `/api/exchanges/${exchangeId}/invites/${revoked.id}`);
        const documentInfo = await callApi<{ id: string }>(
          page,
          "POST",
          `/api/exchanges/${exchangeId}/documents`,
          {
            kind: "problem-statement",
            title: language.longTitle,
          },
        );
        await page.reload();
        await page.getByRole("link", { name: language.longTitle }).waitFor();
        await page.locator(".invites__item").nth(1).waitFor();
        await expectNoAxeViolations(page, `${language.lng} exchange home (facilitator)`);
        await expectExchangeDetails(page, language);
        await shoot(page, `${language.lng}-exchange`);
        await page.getByRole("button", { name: language.addDelegation }).click();
        await page.locator("dialog[open]").waitFor();
        await expectNoAxeViolations(page, `${language.lng} add delegation dialog`);
        await shoot(page, `${language.lng}-exchange-delegation-dialog`);
        await page.keyboard.press("Escape");
        await page.locator("dialog[open]").waitFor({ state: "detached" });
        await page.getByRole("button", { name: language.editDetails }).click();
        await page.locator("dialog[open]").waitFor();
        await expectNoAxeViolations(page, `${language.lng} exchange details dialog`);
        await shoot(page, `${language.lng}-exchange-details-dialog`);
        await page.keyboard.press("Escape");
        await page.locator("dialog[open]").waitFor({ state: "detached" });

        await page.getByRole("link", { name: language.longTitle }).click();
        const editor = page.getByRole("textbox", { name: language.editorLabel });
        await editor.waitFor();
        await editor.click();
        await page.keyboard.type(language.body);
        await page.keyboard.press("Enter");
        await page.keyboard.press("Control+Shift+8");
        await page.keyboard.type(language.name);
        await page.locator(".status-pill--success").waitFor({ timeout: 10_000 });
        await expectNoAxeViolations(page, `${language.lng} document`);
        await expectHeaderWhole(page, language);
        await shoot(page, `${language.lng}-document`);

        // Offline: the pill says so, and that edits stay on this device.
        await context.setOffline(true);
        await page.locator(".status-pill--warning").waitFor({ timeout: 5_000 });
        await expectNoAxeViolations(page, `${language.lng} document (offline)`);
        await shoot(page, `${language.lng}-document-offline`);
        await context.setOffline(false);
        await page.locator(".status-pill--success").waitFor({ timeout: 10_000 });

        await page.goto("/");
        await page.locator(".home__exchange").first().waitFor();
        await expectNoAxeViolations(page, `${language.lng} home (with exchanges)`);
        await shoot(page, `${language.lng}-home`);

        // A second person, in a browser of their own, opens the observer link.
        const guest = await newUserContext(browser, {
          baseURL: server.url,
          locale: language.locale,
          timezoneId: language.timezoneId,
        });
        recordHosts(guest, hosts);
        const guestPage = await guest.newPage();
        await guestPage.goto(`/join/${invite.token}`);
        await guestPage.getByRole("heading", { name: language.exchange }).waitFor();
        await expectNoAxeViolations(guestPage, `${language.lng} join`);
        await shoot(guestPage, `${language.lng}-join`);
        await guestPage.goto(`/join/${revoked.token}`);
        await guestPage.getByRole("heading", { name: language.revoked }).waitFor();
        await expectNoAxeViolations(guestPage, `${language.lng} join (revoked)`);
        await shoot(guestPage, `${language.lng}-join-revoked`);
        await guestPage.goto(`/join/${invite.token}`);
        await guestPage.locator("input[autocomplete=name]").fill(language.observer);
        await guestPage.getByRole("button", { name: language.joinButton }).click();
        await guestPage.waitForURL(/\/x\/[^/]+$/, { timeout: 10_000 });
        await guestPage.goto(`/x/${exchangeId}/d/${documentInfo.id}`);
        await guestPage.getByText(language.viewOnly).waitFor();
        await expectNoAxeViolations(guestPage, `${language.lng} document (read-only)`);
        await expectHeaderWhole(guestPage, language);
        await shoot(guestPage, `${language.lng}-document-readonly`);

        // With the facilitator back in the document: who is here, seen by the observer.
        await page.goto(`/x/${exchangeId}/d/${documentInfo.id}`);
        await page.getByRole("textbox", { name: language.editorLabel }).click();
        await guestPage.locator(".collaboration-carets__caret").waitFor({ timeout: 5_000 });
        await guestPage.getByRole("button", { name: language.peopleHere }).click();
        const presence = guestPage.getByRole("dialog", { name: language.whoIsHere });
        await presence.getByText(language.name).waitFor();
        await presence.getByText(language.delegation).waitFor();
        await presence.getByRole("button").waitFor(); // "Show" where the facilitator's caret is
        await expectNoAxeViolations(guestPage, `${language.lng} document (who is here)`);
        await shoot(guestPage, `${language.lng}-document-presence`);
        await guestPage.keyboard.press("Escape");

        // The facilitator types: their caret's name shows (then fades) over the observer's text.
        await page.keyboard.press("Control+End");
        await page.keyboard.type(" …");
        await guestPage.locator(".collaboration-carets__caret--active").waitFor({ timeout: 5_000 });
        await guestPage.screenshot({ path: join(SHOTS, `${language.lng}-document-caret-name.png`) });

        // An observer who forces the editor editable is told the change was refused.
        await guestPage.evaluate(() => {
          const editor = document.querySelector<HTMLElement>(".ProseMirror");
          if (editor) editor.contentEditable = "true";
          editor?.focus();
        });
        await guestPage.keyboard.type("x");
        await guestPage.locator(".status-pill--danger").waitFor({ timeout: 10_000 });
        await guestPage.getByRole("textbox", { name: language.editorLabel }).waitFor();
        await expectNoAxeViolations(guestPage, `${language.lng} document (change refused)`);
        await shoot(guestPage, `${language.lng}-document-refused`);

        expect([...hosts]).toEqual([new URL(server.url).host]);
        await guest.close();
        await context.close();
      }, 180_000);
    }

    it.runIf(lng === "en")(
      "switches the UI language live, without a reload, and remembers it for the participant",
      async () => {
        const { exchange, notes, context, page } = await facilitatorWithNotes({ server, browser });
        await page.goto(`/x/${exchange.exchangeId}/d/${notes.id}`);
        await page.getByRole("textbox", { name: "Document text" }).waitFor();
        await page.evaluate(() => {
          (window as unknown as { notReloaded: boolean }).notReloaded = true;
        });

        await page.getByRole("combobox", { name: "Interface language" }).selectOption("zh-CN");
        await page.getByRole("textbox", { name: "文档正文" }).waitFor({ timeout: 2_000 });
        await page.getByRole("toolbar", { name: "格式" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
        await page.getByRole("combobox", { name: "界面语言" }).selectOption("pt-BR");
        await page.getByRole("button", { name: "Negrito" }).waitFor({ timeout: 2_000 });
        expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
          true,
        );
        // Remembered on the server for this participant, not only on this device.
        await expect
          .poll(
            async () =>
              (
                await exchange.facilitator.session.ok<{ me: { uiLanguage: string } }>(
                  "GET",
                  `/api/exchanges/${exchange.exchangeId}`,
                )
              ).me.uiLanguage,
            { timeout: 5_000 },
          )
          .toBe("pt-BR");

        await page.goto("/x/not-valid/d/x");
        await page.getByRole("heading", { name: "Documento não encontrado" }).waitFor();
        await expectNoAxeViolations(page, "pt-BR invalid document");
        await shoot(page, "pt-BR-invalid-document");
        await page.goto("/nowhere");
        await page.getByRole("heading", { name: "Página não encontrada" }).waitFor();
        await shoot(page, "pt-BR-not-found");
        await page.goto("/x/AAAAAAAAAAAAAAAA");
        await page.locator(".state-message").waitFor();
        await expectNoAxeViolations(page, "pt-BR no access");
        await shoot(page, "pt-BR-no-access");
        await context.close();
      },
    );
  });
}
