import { describe, expect, it } from "vitest";
import type { VersionSummary } from "../../shared/api/history";
import { DELEGATION_COLORS } from "../../shared/domain";
import { updateSession } from "../../shared/schema/agendaEdit";
import { readAgenda } from "../../shared/schema/agendaSession";
import { wallToInstant } from "../../shared/schema/agendaTime";
import { addTestSession } from "../support/agendaFixtures";
import { agendaScene } from "../support/agendaScene";
import { newUserContext, serverAndBrowser } from "../support/browser";
import { connectClient, waitFor } from "../support/collabClient";

/** rgb() of a hex colour, as computed styles give it. */
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};
const london = (hh: number) => wallToInstant("2026-03-30", hh * 60, "Europe/London");

describe("history of an agenda in the browser", () => {
  const env = serverAndBrowser();

  it("comparing two versions shows each changed field before and after with the person and delegation", async () => {
    const scene = await agendaScene(env.server.url);
    const ana = await scene.join(scene.recife, "delegate", "Ana Souza", "en");
    const li = await scene.join(scene.chengdu, "delegate", "Li Wei", "en");
    const a = connectClient(env.server.wsUrl, scene.room, { cookie: ana.session.cookie, mutual: true });
    const l = connectClient(env.server.wsUrl, scene.room, { cookie: li.session.cookie, mutual: true });
    try {
      await Promise.all([a.synced(), l.synced()]);
      const base = `/api/exchanges/${scene.exchange.exchangeId}/documents/${scene.agenda.id}`;
      addTestSession(
        a.doc,
        {
          id: "opening",
          title: "Opening plenary",
          start: london(9),
          end: london(10),
          leads: [{ participantId: li.participantId }, { name: "Dr Okafor" }],
        },
        "test",
      );
      await waitFor(() => readAgenda(l.doc).sessions.length === 1, "Li has the session");
      await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "Draft" });
      // Li (Chengdu) retitles the session and moves it an hour earlier.
      updateSession(l.doc, "opening", { title: "Welcome plenary", start: london(8) }, "test");
      await waitFor(() => readAgenda(a.doc).sessions[0]?.title === "Welcome plenary", "Ana has Li's edit");
      await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "Agreed" });
    } finally {
      a.destroy();
      l.destroy();
    }

    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: ana.session.cookie,
      language: "en",
      locale: "en-GB",
      timezoneId: "Europe/London",
    });
    try {
      const page = await context.newPage();
      await page.goto(scene.url);
      await page.locator(".agenda-session__title", { hasText: "Welcome plenary" }).waitFor();
      await page.getByRole("button", { name: "Version history" }).click();
      const panel = page.getByRole("dialog", { name: "Version history" });

      // The newest version, as the agenda it was: its day and session, read-only.
      const shown = panel.locator(".history-agenda-version__session", { hasText: "Welcome plenary" });
      await shown.waitFor();
      expect(await shown.textContent()).toMatch(/\b0?8:00/);
      await shown.getByText("Led by Li Wei and Dr Okafor").waitFor();

      // Its changes against the version before: the title and the start, each by Li of Chengdu.
      await panel.getByRole("button", { name: "Changes", exact: true }).click();
      const title = panel.locator('.history-agenda__field[data-field="title"]');
      await title.waitFor();
      expect(await title.locator(".history-agenda__before").textContent()).toContain("Opening plenary");
      expect(await title.locator(".history-agenda__after").textContent()).toContain("Welcome plenary");
      const author = title.locator(`.history-agenda__author[data-participant="${li.participantId}"]`);
      expect(await author.textContent()).toBe(`Li Wei (${scene.chengdu.name})`);
      expect(await author.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(
        rgb(DELEGATION_COLORS[scene.chengdu.color]),
      );
      const start = panel.locator('.history-agenda__field[data-field="start"]');
      expect(await start.locator(".history-agenda__before").textContent()).toMatch(/\b0?9:00/);
      expect(await start.locator(".history-agenda__after").textContent()).toMatch(/\b0?8:00/);
      expect(await start.locator(".history-agenda__author").textContent()).toContain("Li Wei");
      await panel.getByText("1 session changed").waitFor();
      await panel.getByText(`${scene.chengdu.name}: 2 changes`).waitFor();
    } finally {
      await context.close();
    }
  }, 90_000);
});
