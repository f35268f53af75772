import { describe, expect, it } from "vitest";
import { editorText, newUserContext, serverAndBrowser, waitForEditorText } from "../support/browser";

// The story, all through the UI: a facilitator sets up the exchange, a Brazilian delegate and a
// Chinese observer join by link in their own browsers and languages, and roles are enforced live.
describe("an exchange from creation to live roles", () => {
  const env = serverAndBrowser();

  it("facilitator invites a pt-BR delegate and a zh-CN observer; the observer reads live but cannot type; a role change applies at once", async () => {
    const facilitator = await newUserContext(env.browser, {
      baseURL: env.server.url,
      locale: "en-GB",
      language: "en",
    });
    await facilitator.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
    const page = await facilitator.newPage();
    await page.goto("/");
    await page.getByRole("textbox", { name: "Title" }).fill("Brazil–China urban health exchange");
    await page.getByRole("textbox", { name: "Your name" }).fill("Fiona Facilitator");
    await page.getByRole("button", { name: "Create exchange" }).click();
    await page.getByRole("heading", { name: "Brazil–China urban health exchange" }).waitFor();

    const addDelegation = async (
      name: string,
      country: string,
      color: string,
      zone: string,
      language: string,
    ) => {
      await page.getByRole("button", { name: "Add delegation" }).click();
      const dialog = page.locator("dialog[open]");
      await dialog.getByRole("textbox", { name: "Name" }).fill(name);
      await dialog.getByRole("combobox", { name: "Country" }).selectOption(country);
      await dialog.getByRole("radio", { name: color }).check();
      await dialog.getByRole("combobox", { name: "Home time zone" }).selectOption(zone);
      await dialog.getByRole("combobox", { name: "Working language" }).selectOption(language);
      await dialog.getByRole("button", { name: "Add delegation" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.locator(".delegations__name", { hasText: name }).waitFor();
    };
    await addDelegation("Belo Horizonte health team", "BR", "Green", "America/Sao_Paulo", "pt-BR");
    await addDelegation("Chengdu planning office", "CN", "Rose", "Asia/Shanghai", "zh-CN");

    await page.getByRole("button", { name: "New document" }).click();
    await page
      .locator("dialog[open]")
      .getByRole("textbox", { name: "Title" })
      .fill("Shared problem statement");
    await page
      .locator("dialog[open]")
      .getByRole("combobox", { name: "Kind" })
      .selectOption("problem-statement");
    await page.getByRole("button", { name: "Create document" }).click();
    // A new document opens at once; the invitations are made back on the exchange's screen.
    await page.waitForURL(/\/d\/[^/]+$/);
    const documentUrl = page.url();
    await page.goBack();
    await page.getByRole("link", { name: "Shared problem statement" }).waitFor();

    const invites = page.getByRole("form", { name: "New invitation link" });
    const makeInvite = async (delegation: string, role: string): Promise<string> => {
      await invites.getByRole("combobox", { name: "Delegation" }).selectOption({ label: delegation });
      await invites.getByRole("combobox", { name: "Role" }).selectOption(role);
      await invites.getByRole("button", { name: "Create link" }).click();
      // The highlight moves to the new link once the list reloads: wait for the one just made.
      const fresh = page.locator(".invites__item--fresh", { hasText: delegation });
      await fresh.waitFor();
      await fresh.getByRole("button", { name: "Copy link" }).click();
      // Copied to the clipboard (with a visible confirmation), or, where the browser refuses the
      // clipboard, selected in its field to copy by hand; the field shows the link either way.
      const copied = fresh.getByText("Copied", { exact: true });
      const manual = fresh.getByText("Copying is not available here", { exact: false });
      await copied.or(manual).waitFor({ timeout: 5_000 });
      const link = await fresh.getByRole("textbox", { name: /^Invitation link/ }).inputValue();
      if (await copied.isVisible())
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      return link;
    };
    const delegateLink = await makeInvite("Belo Horizonte health team", "delegate");
    const observerLink = await makeInvite("Chengdu planning office", "observer");
    expect(delegateLink).toMatch(/\/join\//);
    expect(observerLink).not.toBe(delegateLink);

    const join = async (link: string, locale: string, timezoneId: string, name: string, submit: string) => {
      const context = await newUserContext(env.browser, { baseURL: env.server.url, locale, timezoneId });
      const joinPage = await context.newPage();
      await joinPage.goto(link);
      await joinPage.locator("input[autocomplete=name]").fill(name);
      await joinPage.getByRole("button", { name: submit }).click();
      await joinPage.waitForURL(/\/x\/[^/]+$/, { timeout: 10_000 });
      await joinPage.goto(documentUrl);
      return joinPage;
    };
    const delegate = await join(
      link(delegateLink),
      "pt-BR",
      "America/Sao_Paulo",
      "Ana Souza",
      "Entrar no intercâmbio",
    );
    const observer = await join(link(observerLink), "zh-CN", "Asia/Shanghai", "王芳", "加入交流");
    expect(await delegate.evaluate(() => document.documentElement.lang)).toBe("pt-BR");
    expect(await observer.evaluate(() => document.documentElement.lang)).toBe("zh-CN");

    const delegateText = delegate.getByRole("textbox", { name: "Texto do documento" });
    await delegateText.click();
    await delegate.keyboard.type("Atendimento básico nas periferias.");
    await waitForEditorText(observer, (text) => text.includes("Atendimento básico nas periferias."));

    // The observer's editor is read-only: typing changes nothing, and the badge says why.
    const observerText = observer.getByRole("textbox", { name: "文档正文" });
    expect(await observerText.getAttribute("contenteditable")).toBe("false");
    await observer.getByText("仅可查看").waitFor();
    await observerText.click();
    await observer.keyboard.type("观察员不能输入");
    await observer.waitForTimeout(500);
    expect(await editorText(observer)).not.toContain("观察员");
    expect(await editorText(delegate)).not.toContain("观察员");

    // The facilitator makes the delegate an observer: their editor turns read-only without a reload.
    await page.getByRole("combobox", { name: "Role of Ana Souza" }).selectOption("observer");
    const started = Date.now();
    await expect
      .poll(() => delegateText.getAttribute("contenteditable"), { timeout: 3_000, interval: 100 })
      .toBe("false");
    expect(Date.now() - started).toBeLessThan(3_000);
    await delegate.getByText("Somente leitura").waitFor();
    await delegate.keyboard.type("depois");
    await delegate.waitForTimeout(300);
    expect(await editorText(delegate)).not.toContain("depois");
  }, 180_000);
});

/** The copied link points at the test server's origin already; keep only its path for goto. */
function link(copied: string): string {
  return new URL(copied).pathname;
}
