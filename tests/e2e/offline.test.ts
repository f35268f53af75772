import { describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { editorText, newUserContext, serverAndBrowser, waitForEditorText } from "../support/browser";
import { startServer } from "../support/server";
import { sharedNotes } from "../support/sharedNotes";

describe("editing offline", () => {
  const env = serverAndBrowser();

  it("keeps offline edits across a reload and merges them with others' edits when back online", async () => {
    const { url, facilitator: ana, guest: bruno } = await sharedNotes(env, "delegate", "Bruno");
    const pageA = await ana.newPage();
    const pageB = await bruno.newPage();
    const textA = pageA.getByRole("textbox", { name: "Document text" });
    const textB = pageB.getByRole("textbox", { name: "Document text" });
    const statusA = pageA.locator(".status-pill");

    await pageA.goto(url);
    await textA.click();
    await pageA.keyboard.type("Online start.");
    await statusA.filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    // The service worker must hold the shell before the network goes away.
    await pageA.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await pageB.goto(pageA.url());
    await waitForEditorText(pageB, (text) => text.includes("Online start."));

    await ana.setOffline(true);
    await statusA.filter({ hasText: "Offline" }).waitFor({ timeout: 5_000 });
    expect(await statusA.textContent()).toContain("Edits are kept on this device");
    await textA.click();
    await pageA.keyboard.press("Control+End");
    await pageA.keyboard.type(" A offline one.");

    // y-indexeddb writes each update in its own IndexedDB transaction; let the last one commit.
    await pageA.waitForTimeout(500);
    // Reload with no network: the shell comes from the service worker, the text from IndexedDB.
    await pageA.reload({ timeout: 10_000 });
    expect(await pageA.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await waitForEditorText(pageA, (text) => text.includes("Online start. A offline one."));
    await statusA.filter({ hasText: "Offline" }).waitFor({ timeout: 5_000 });
    await textA.click();
    await pageA.keyboard.press("Control+End");
    await pageA.keyboard.type(" A offline two.");

    await textB.click();
    await pageB.keyboard.press("Control+End");
    await pageB.keyboard.type(" B while A was away.");
    await pageB.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    expect(await editorText(pageB)).not.toContain("A offline");

    await ana.setOffline(false);
    const everything = (text: string) =>
      ["Online start.", "A offline one.", "A offline two.", "B while A was away."].every((part) =>
        text.includes(part),
      );
    const finalA = await waitForEditorText(pageA, everything, 15_000);
    const finalB = await waitForEditorText(pageB, everything, 15_000);
    expect(finalA).toBe(finalB);
    await statusA.filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });

    await ana.close();
    await bruno.close();
  });

  it("says it is reconnecting while the env.server is down, then saves what was typed meanwhile", async () => {
    const own = await startServer();
    const exchange = await createExchange(own.url);
    const { document } = await exchange.newDocument("notes");
    const carlaMember = await exchange.join("observer", "Carla", { uiLanguage: "en" });
    const ana = await newUserContext(env.browser, {
      baseURL: own.url,
      sessionCookie: exchange.facilitator.session.cookie,
      language: "en",
    });
    const page = await ana.newPage();
    const status = page.locator(".status-pill");
    await page.goto(`/x/${exchange.exchangeId}/d/${document.id}`);
    await page.getByRole("textbox", { name: "Document text" }).click();
    await page.keyboard.type("Before the outage.");
    await status.filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });

    await own.kill();
    await status.filter({ hasText: "Reconnecting" }).waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toContain("Edits are kept on this device");
    await page.keyboard.type(" During the outage.");

    // Same port and data directory: the provider's retries find the env.server again.
    const again = await startServer({ port: own.port, dataDir: own.dataDir });
    await status.filter({ hasText: "All changes saved" }).waitFor({ timeout: 15_000 });
    const url = page.url();
    await ana.close();

    const check = await newUserContext(env.browser, {
      baseURL: again.url,
      sessionCookie: carlaMember.session.cookie,
      language: "en",
    });
    const fresh = await check.newPage();
    await fresh.goto(url);
    await waitForEditorText(fresh, (text) => text.includes("Before the outage. During the outage."));
    await check.close();
    await again.stop();
  });
});
