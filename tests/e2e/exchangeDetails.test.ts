import { describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { addSessionCookie, newUserContext, serverAndBrowser } from "../support/browser";

// A facilitator keeps the exchange's own details and people's delegations current from the exchange home;
// everyone else sees the result, and only facilitators get the controls.
describe("exchange details and delegations, edited in the UI", () => {
  const env = serverAndBrowser();

  it("a facilitator renames the exchange, changes its time zone and moves a delegate to another delegation", async () => {
    const fx = await createExchange(env.server.url, "Food policy exchange");
    const delegate = await fx.join("delegate", "Ana Souza");
    const second = await fx.facilitator.session.ok<{ id: string }>(
      "POST",
      `/api/exchanges/${fx.exchangeId}/delegations`,
      {
        name: "Chengdu planning office",
        country: "CN",
        color: "blue",
        timeZone: "Asia/Shanghai",
        workingLanguage: "zh-CN",
      },
    );

    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      locale: "en-GB",
      language: "en",
    });
    await addSessionCookie(context, env.server.url, fx.facilitator.session.cookie!);
    const page = await context.newPage();
    await page.goto(`/x/${fx.exchangeId}`);
    await page.getByRole("heading", { name: "Food policy exchange" }).waitFor();

    // An empty title is refused in the dialog, with the field's translated error, and nothing is lost.
    await page.getByRole("button", { name: "Edit details" }).click();
    const dialog = page.getByRole("dialog", { name: "Exchange details" });
    const title = dialog.getByRole("textbox", { name: "Title" });
    await title.fill("");
    await dialog.getByRole("button", { name: "Save details" }).click();
    await dialog.getByText("This field is required").waitFor();
    await title.fill("Brazil–China food policy exchange");
    await dialog.getByRole("textbox", { name: "Description (optional)" }).fill("Two cities, one question.");
    await dialog.getByRole("combobox", { name: "Home time zone" }).selectOption("Asia/Shanghai");
    await dialog.getByRole("button", { name: "Save details" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Brazil–China food policy exchange" }).waitFor();
    await page.getByText("Two cities, one question.").waitFor();
    await expect.poll(() => page.locator(".exchange__zone").textContent()).toContain("Shanghai");

    // Moving Ana to the other delegation: the API (what everyone else loads) has it at once.
    await page
      .getByRole("combobox", { name: "Delegation of Ana Souza" })
      .selectOption({ label: "Chengdu planning office" });
    await expect
      .poll(async () => {
        const view = await delegate.session.ok<{ me: { delegationId: string | null } }>(
          "GET",
          `/api/exchanges/${fx.exchangeId}`,
        );
        return view.me.delegationId;
      })
      .toBe(second.id);
    const anaSeen = await delegate.session.ok<{ exchange: { title: string; timeZone: string } }>(
      "GET",
      `/api/exchanges/${fx.exchangeId}`,
    );
    expect(anaSeen.exchange).toMatchObject({
      title: "Brazil–China food policy exchange",
      timeZone: "Asia/Shanghai",
    });

    // A delegate gets neither the details button nor the participant controls.
    const anaContext = await newUserContext(env.browser, {
      baseURL: env.server.url,
      locale: "en-GB",
      language: "en",
    });
    await addSessionCookie(anaContext, env.server.url, delegate.session.cookie!);
    const anaPage = await anaContext.newPage();
    await anaPage.goto(`/x/${fx.exchangeId}`);
    await anaPage.getByRole("heading", { name: "Brazil–China food policy exchange" }).waitFor();
    expect(await anaPage.getByRole("button", { name: /Edit details|Editar detalhes/ }).count()).toBe(0);
    expect(await anaPage.getByRole("combobox", { name: /Delegation of|Delegação de/ }).count()).toBe(0);
    await anaContext.close();
    await context.close();
  }, 180_000);
});
