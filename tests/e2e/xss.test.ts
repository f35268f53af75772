import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { MembershipResponse } from "../../shared/api/responses";
import type { Delegation, DocumentInfo, Invite } from "../../shared/domain";
import { ApiSession } from "../support/api";
import { newUserContext, serverAndBrowser, waitForEditorText } from "../support/browser";

const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = "<script>window.__xss=2</script>";
/** The page's own inline shell script, as built (the CSP allows exactly this text by its hash). */
const SHELL_SCRIPT = /<script>([\s\S]*?)<\/script>/.exec(
  readFileSync(join(process.cwd(), "dist/client/index.html"), "utf8"),
)?.[1];

/** No script ran, no dialog opened, and no element was made from a payload outside the editor. */
async function expectInert(page: Page, dialogs: string[], where: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), where).toBeUndefined();
  expect(dialogs, where).toEqual([]);
  const injected = await page.evaluate(
    (shell) =>
      [...document.querySelectorAll('img[src="x"], script')]
        .filter((element) => !element.closest('[role="textbox"]'))
        .filter((element) => !(element instanceof HTMLScriptElement && element.src.includes("/assets/")))
        .filter(
          (element) => !(element instanceof HTMLScriptElement && !element.src && element.text === shell),
        )
        .map((element) => element.outerHTML),
    SHELL_SCRIPT,
  );
  expect(injected, where).toEqual([]);
}

describe("names and titles are text, never markup", () => {
  const env = serverAndBrowser();

  it("shows payloads in exchange title, delegation name, display name, document title and caret labels as literal text", async () => {
    const facilitator = new ApiSession(env.server.url);
    const created = await facilitator.ok<MembershipResponse>("POST", "/api/exchanges", {
      title: `Exchange ${IMG}`,
      description: SCRIPT,
      timeZone: "Europe/London",
      facilitatorName: `Fiona ${SCRIPT}`,
      uiLanguage: "en",
    });
    const exchangeId = created.exchange.id;
    const delegation = await facilitator.ok<Delegation>("POST", `/api/exchanges/${exchangeId}/delegations`, {
      name: `Team ${SCRIPT}`,
      country: "BR",
      color: "green",
      timeZone: "America/Sao_Paulo",
      workingLanguage: "pt-BR",
    });
    const document = await facilitator.ok<DocumentInfo>("POST", `/api/exchanges/${exchangeId}/documents`, {
      kind: "notes",
      title: `Notes ${IMG}`,
    });
    const invite = await facilitator.ok<Invite>("POST", `/api/exchanges/${exchangeId}/invites`, {
      delegationId: delegation.id,
      role: "delegate",
      expiresInHours: 24,
      maxUses: null,
    });

    // The second person joins through the UI with a payload as their name.
    const guest = await newUserContext(env.browser, { baseURL: env.server.url, language: "en" });
    const guestPage = await guest.newPage();
    const guestDialogs: string[] = [];
    guestPage.on("dialog", (dialog) => {
      guestDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await guestPage.goto(`/join/${invite.token}`);
    await guestPage.getByRole("heading", { name: `Exchange ${IMG}` }).waitFor();
    expect(await guestPage.locator("body").textContent()).toContain(`Team ${SCRIPT}`);
    await expectInert(guestPage, guestDialogs, "join page");
    await guestPage.getByRole("textbox", { name: "Your name" }).fill(`Guest ${IMG}`);
    await guestPage.getByRole("button", { name: "Join the exchange" }).click();
    await guestPage.getByRole("heading", { name: `Exchange ${IMG}` }).waitFor();

    const host = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: facilitator.cookie,
      language: "en",
    });
    const hostPage = await host.newPage();
    const hostDialogs: string[] = [];
    hostPage.on("dialog", (dialog) => {
      hostDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await hostPage.goto("/");
    await hostPage.getByText(`Exchange ${IMG}`).waitFor();
    await expectInert(hostPage, hostDialogs, "home");
    await hostPage.goto(`/x/${exchangeId}`);
    await hostPage.getByText(`Guest ${IMG}`).waitFor();
    const visible = await hostPage.locator("body").textContent();
    for (const text of [
      `Exchange ${IMG}`,
      SCRIPT,
      `Team ${SCRIPT}`,
      `Notes ${IMG}`,
      `Guest ${IMG}`,
      `Fiona ${SCRIPT}`,
    ]) {
      expect(visible).toContain(text);
    }
    await expectInert(hostPage, hostDialogs, "exchange home");

    // Both open the document; each one's caret label carries the other's payload name as text.
    const url = `/x/${exchangeId}/d/${document.id}`;
    await hostPage.goto(url);
    await guestPage.goto(url);
    await hostPage.getByText(`Notes ${IMG}`).first().waitFor();
    const guestText = guestPage.getByRole("textbox", { name: "Document text" });
    await guestText.click();
    await guestPage.keyboard.type("Hello");
    await waitForEditorText(hostPage, (text) => text.includes("Hello"));
    await hostPage.getByRole("textbox", { name: "Document text" }).click();
    await hostPage.keyboard.type(" there");
    await expect
      .poll(() => hostPage.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 5_000 })
      .toContain(`Guest ${IMG}`);
    await expect
      .poll(() => guestPage.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 5_000 })
      .toContain(`Fiona ${SCRIPT}`);
    // Inside the editor too: a caret label is a text node, not an element made from the name.
    expect(await hostPage.locator('[role="textbox"] img[src="x"], [role="textbox"] script').count()).toBe(0);
    expect(await guestPage.locator('[role="textbox"] img[src="x"], [role="textbox"] script').count()).toBe(0);
    await expectInert(hostPage, hostDialogs, "document (facilitator)");
    await expectInert(guestPage, guestDialogs, "document (guest)");
    await guest.close();
    await host.close();
  }, 180_000);
});
