import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { updateSession } from "../../shared/schema/agendaEdit";
import { SessionField, sessionsMap } from "../../shared/schema/agendaLayout";
import { readAgenda } from "../../shared/schema/agendaSession";
import { wallToInstant } from "../../shared/schema/agendaTime";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { addTestSession } from "../support/agendaFixtures";
import { parseIcs } from "../support/agendaIcsParse";
import { type AgendaScene, agendaScene } from "../support/agendaScene";
import type { Member } from "../support/api";
import { newUserContext, serverAndBrowser } from "../support/browser";
import { connectClient, waitFor } from "../support/collabClient";

const SHOTS = join(import.meta.dirname, "..", "..", "test-results", "agenda");
mkdirSync(SHOTS, { recursive: true });

/** Adds a session through the session editor, as a facilitator would. */
async function addSessionInUi(
  page: Page,
  session: { title: string; date: string; start: string; end: string; type?: string; place?: string },
) {
  await page.getByRole("button", { name: "Add session", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add a session" });
  await dialog.getByLabel("Title").fill(session.title);
  await dialog.getByLabel("Date", { exact: true }).fill(session.date);
  await dialog.getByLabel("Starts").fill(session.start);
  await dialog.getByLabel("Ends", { exact: true }).fill(session.end);
  if (session.type) await dialog.getByLabel("Type").selectOption({ label: session.type });
  if (session.place) await dialog.getByLabel("Place").fill(session.place);
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.locator(".agenda-session__title", { hasText: session.title }).waitFor();
}

/** The text of one delegation's time chip on a session (by its title). */
function chip(page: Page, title: string, delegationId: string) {
  return page
    .locator(".agenda-session", { has: page.locator(".agenda-session__title", { hasText: title }) })
    .locator(`[data-delegation="${delegationId}"]`);
}

describe("agenda across three time zones", () => {
  const env = serverAndBrowser();
  let scene: AgendaScene;

  it("a facilitator builds a two-day agenda; Recife and Chengdu readers see it on their clocks, in their languages", async () => {
    scene = await agendaScene(env.server.url);
    const facilitator = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: scene.exchange.facilitator.session.cookie,
      language: "en",
      locale: "en-GB",
      timezoneId: "Europe/London",
    });
    const page = await facilitator.newPage();
    await page.goto(scene.url);
    await page.getByRole("button", { name: "Add session", exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText("No sessions yet.").count()).toBe(1);

    // Saturday 28 March 2026 (GMT) and Sunday 29 March, the day London moves to BST.
    await addSessionInUi(page, {
      title: "Opening plenary",
      date: "2026-03-28",
      start: "09:00",
      end: "10:30",
      place: "City Hall",
    });
    await addSessionInUi(page, {
      title: "Coffee",
      date: "2026-03-28",
      start: "10:30",
      end: "11:00",
      type: "Break",
    });
    await addSessionInUi(page, {
      title: "Site visit: Bedminster food hub",
      date: "2026-03-29",
      start: "14:00",
      end: "16:00",
      type: "Site visit",
    });
    // Validation: an end before the start is refused with a message, and nothing is written.
    await page.getByRole("button", { name: "Add session", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Add a session" });
    await dialog.getByLabel("Title").fill("Backwards");
    await dialog.getByLabel("Starts").fill("15:00");
    await dialog.getByLabel("Ends", { exact: true }).fill("14:00");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("The session must end after it starts.").waitFor();
    await dialog.getByLabel("Title").fill("x".repeat(201));
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("Keep the title to 200 characters or fewer.").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.locator(".agenda-session").count()).toBe(3);

    const days = page.locator(".agenda-day__title");
    await expect
      .poll(() => days.allTextContents())
      .toEqual(["Saturday, 28 March 2026", "Sunday, 29 March 2026"]);
    // 09:00 in London on the Saturday is 06:00 in Recife: outside Recife's working hours; 17:00 in Chengdu is inside.
    expect(await chip(page, "Opening plenary", scene.recife.id).textContent()).toContain("06:00");
    expect(await chip(page, "Opening plenary", scene.recife.id).textContent()).toContain(
      "Outside working hours",
    );
    expect(await chip(page, "Opening plenary", scene.chengdu.id).textContent()).not.toContain(
      "Outside working hours",
    );
    // 14:00 BST on the Sunday: 10:00 in Recife, 21:00 in Chengdu (outside Chengdu's hours).
    expect(await chip(page, "Site visit", scene.chengdu.id).textContent()).toContain("21:00");
    expect(await chip(page, "Site visit", scene.chengdu.id).textContent()).toContain("Outside working hours");
    expect(await chip(page, "Site visit", scene.recife.id).textContent()).not.toContain(
      "Outside working hours",
    );
    await page.screenshot({ path: join(SHOTS, "facilitator-en.png"), fullPage: true });
    // Working hours are per delegation: Recife starting at 06:00 clears its warning on the plenary only.
    await page.getByRole("button", { name: "Working hours" }).click();
    const hours = page.getByRole("dialog", { name: "Working hours of each delegation" });
    await hours.getByRole("group", { name: "Recife team" }).getByLabel("From").fill("06:00");
    await hours.getByRole("button", { name: "Save" }).click();
    await hours.waitFor({ state: "detached" });
    await expect
      .poll(() => chip(page, "Opening plenary", scene.recife.id).textContent())
      .not.toContain("Outside working hours");
    expect(await chip(page, "Coffee", scene.recife.id).textContent()).not.toContain("Outside working hours");
    expect(await chip(page, "Site visit", scene.chengdu.id).textContent()).toContain("Outside working hours");
    // Back to the default, for the readers below.
    await page.getByRole("button", { name: "Undo my agenda change" }).click();
    await expect
      .poll(() => chip(page, "Opening plenary", scene.recife.id).textContent())
      .toContain("Outside working hours");

    /** A member's page on the agenda, in a browser set to `locale` and `timezoneId`, once it shows three sessions. */
    const agendaOf = async (member: Member, locale: string, timezoneId: string) => {
      const context = await newUserContext(env.browser, {
        baseURL: env.server.url,
        sessionCookie: member.session.cookie,
        locale,
        timezoneId,
      });
      const page = await context.newPage();
      await page.goto(scene.url);
      await page.locator(".agenda-session").nth(2).waitFor();
      return { context, page };
    };

    // A Recife delegate reading in Portuguese, on Recife's clock.
    const ana = await scene.join(scene.recife, "delegate", "Ana Souza", "pt-BR");
    const { context: recifeContext, page: recifePage } = await agendaOf(ana, "pt-BR", "America/Recife");
    await expect
      .poll(() => recifePage.locator(".agenda-day__title").allTextContents())
      .toEqual(["sábado, 28 de março de 2026", "domingo, 29 de março de 2026"]);
    const you = (title: string) => chip(recifePage, title, "you").textContent();
    expect(await you("Opening plenary")).toMatch(/^Você \(.+\)06:00\s*–\s*07:30$/);
    expect(await you("Site visit")).toMatch(/10:00\s*–\s*12:00$/);
    expect(await chip(recifePage, "Opening plenary", scene.recife.id).textContent()).toContain(
      "Fora do horário de trabalho",
    );
    // Recife: the plenary (06:00) and the coffee (07:30); Chengdu: the site visit (21:00). No one else.
    const late = (delegationId: string) =>
      recifePage
        .locator(`.agenda-times__zone--late[data-delegation="${delegationId}"]`)
        .evaluateAll((chips) =>
          chips.map((c) => c.closest(".agenda-session")?.querySelector("h3")?.textContent),
        );
    expect(await late(scene.recife.id)).toEqual(["Opening plenary", "Coffee"]);
    expect(await late(scene.chengdu.id)).toEqual(["Site visit: Bedminster food hub"]);
    expect(await late(scene.bristol.id)).toEqual([]);
    expect(await recifePage.getByText("Fora do horário de trabalho").count()).toBe(3);
    await recifePage.getByRole("button", { name: "Adicionar sessão", exact: true }).waitFor();
    await recifePage.screenshot({ path: join(SHOTS, "recife-pt-BR.png"), fullPage: true });

    // A Chengdu observer reading in Chinese, on China's clock: read-only.
    const li = await scene.join(scene.chengdu, "observer", "李伟", "zh-CN");
    const { context: chengduContext, page: chengduPage } = await agendaOf(li, "zh-CN", "Asia/Shanghai");
    expect(await chengduPage.locator(".agenda-day__title").allTextContents()).toEqual([
      "2026年3月28日星期六",
      "2026年3月29日星期日",
    ]);
    expect(await chip(chengduPage, "Opening plenary", "you").textContent()).toMatch(
      /^你（中国时间）17:00\s*[–至]\s*18:30$/,
    );
    expect(await chip(chengduPage, "Site visit", "you").textContent()).toMatch(/21:00\s*[–至]\s*23:00$/);
    expect(await chip(chengduPage, "Site visit", scene.chengdu.id).textContent()).toContain("不在工作时间内");
    expect(await chengduPage.getByRole("button", { name: "添加环节" }).count()).toBe(0);
    expect(await chengduPage.getByRole("button", { name: "编辑" }).count()).toBe(0);
    await chengduPage.screenshot({ path: join(SHOTS, "chengdu-zh-CN.png"), fullPage: true });

    // The .ics the Chengdu reader downloads holds the right instants, in the zone each was entered in.
    const [download] = await Promise.all([
      chengduPage.waitForEvent("download"),
      chengduPage.getByRole("link", { name: "下载 .ics 日历" }).click(),
    ]);
    const ics = parseIcs(await readFile((await download.path()) as string, "utf8"));
    const london = (date: string, hh: number, mm = 0) => wallToInstant(date, hh * 60 + mm, "Europe/London");
    expect(ics.events.map((e) => [e.summary, e.start, e.end, e.zone])).toEqual([
      ["Opening plenary", london("2026-03-28", 9), london("2026-03-28", 10, 30), "Europe/London"],
      ["Coffee", london("2026-03-28", 10, 30), london("2026-03-28", 11), "Europe/London"],
      [
        "Site visit: Bedminster food hub",
        london("2026-03-29", 14),
        london("2026-03-29", 16),
        "Europe/London",
      ],
    ]);
    expect(ics.events[2]?.start).toBe(Date.parse("2026-03-29T13:00:00Z"));
    for (const context of [facilitator, recifeContext, chengduContext]) await context.close();
  }, 120_000);

  it("reorders by keys and drag, duplicates, moves a day, undoes only its own changes, keeps old text, isolates a bad session", async () => {
    const scene2 = await agendaScene(env.server.url);
    const { session: api } = scene2.exchange.facilitator;
    const reflection = await api.ok<{ id: string }>(
      "POST",
      `/api/exchanges/${scene2.exchange.exchangeId}/documents`,
      {
        kind: "reflection",
        title: "Reflection after the visit",
      },
    );
    const member = await scene2.join(scene2.recife, "delegate", "Ana Souza", "en");
    // An agenda written before the structured agenda (text in "content"), then sessions, and one
    // session a crafted update wrote wrong.
    const seeder = connectClient(env.server.wsUrl, scene2.room, {
      cookie: member.session.cookie,
      mutual: true,
    });
    await seeder.synced();
    const london = (hh: number, mm = 0) => wallToInstant("2026-05-04", hh * 60 + mm, "Europe/London");
    seeder.doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("Bring your badge to every session.")]);
      seeder.doc.getXmlFragment(DocumentLayout.content).insert(0, [paragraph]);
      const add = (id: string, title: string, start: number, end: number, documents: string[] = []) =>
        addTestSession(seeder.doc, { id, title, start, end, documents });
      add("sessionA", "Alpha", london(9), london(10));
      add("sessionB", "Bravo", london(10), london(10, 30));
      add("sessionC", "Charlie", london(11), london(12), [reflection.id]);
      const bad = new Y.Map<unknown>();
      sessionsMap(seeder.doc).set("crafted", bad);
      bad.set(SessionField.title, "Crafted");
      bad.set(SessionField.end, { not: "a time" });
    });

    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: api.cookie,
      language: "en",
      locale: "en-GB",
      timezoneId: "Europe/London",
    });
    const page = await context.newPage();
    await page.goto(scene2.url);
    const titles = () => page.locator(".agenda-session__title").allTextContents();
    // The agenda's chunk, strings and the exchange arrive first (slow beside other browser tests).
    await page.locator(".agenda-session").nth(2).waitFor({ timeout: 30_000 });
    await expect.poll(titles).toEqual(["Alpha", "Bravo", "Charlie"]);
    await page
      .getByRole("textbox", { name: "Document text" })
      .getByText("Bring your badge to every session.")
      .waitFor();
    await page.getByText("“Crafted” could not be read.").waitFor();

    // Keyboard: Alt+Down on Alpha moves it after Bravo, which takes its slot.
    const row = (title: string) =>
      page.locator(".agenda-session", { has: page.locator(".agenda-session__title", { hasText: title }) });
    await row("Alpha").getByRole("button", { name: "Edit" }).focus();
    await page.keyboard.press("Alt+ArrowDown");
    await expect.poll(titles).toEqual(["Bravo", "Alpha", "Charlie"]);
    expect(await row("Bravo").locator(".agenda-session__range").textContent()).toBe("09:00–09:30");
    expect(await row("Alpha").locator(".agenda-session__range").textContent()).toBe("09:30–10:30");
    // Focus stayed on the moved session.
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest("[data-session]")?.getAttribute("data-session"),
      ),
    ).toBe("sessionA");
    // Buttons do the same.
    await row("Alpha").getByRole("button", { name: "Move earlier" }).click();
    await expect.poll(titles).toEqual(["Alpha", "Bravo", "Charlie"]);
    // Drag Charlie onto Alpha: Charlie comes first.
    await row("Charlie").dragTo(row("Alpha"));
    await expect.poll(titles).toEqual(["Charlie", "Alpha", "Bravo"]);
    // Duplicate Alpha: the copy follows it.
    await row("Alpha").getByRole("button", { name: "Duplicate" }).click();
    await expect.poll(titles).toEqual(["Charlie", "Alpha", "Alpha", "Bravo"]);

    // Someone else retitles Bravo while the facilitator moves the day.
    const other = readAgenda(seeder.doc).sessions.find((s) => s.id === "sessionB");
    expect(other).toBeDefined();
    updateSession(seeder.doc, "sessionB", { title: "Bravo (retitled by Ana)" }, "ana");
    await expect.poll(titles).toEqual(["Charlie", "Alpha", "Alpha", "Bravo (retitled by Ana)"]);
    await page.getByRole("button", { name: "Move day later" }).click();
    await expect
      .poll(() => page.locator(".agenda-day__title").allTextContents())
      .toEqual(["Tuesday, 5 May 2026"]);
    // Undo takes back the facilitator's own changes only: the day, then the duplicate; Ana's title stays.
    await page.getByRole("button", { name: "Undo my agenda change" }).click();
    await expect
      .poll(() => page.locator(".agenda-day__title").allTextContents())
      .toEqual(["Monday, 4 May 2026"]);
    await page.keyboard.press("Control+z");
    await expect.poll(titles).toEqual(["Charlie", "Alpha", "Bravo (retitled by Ana)"]);
    await waitFor(() => readAgenda(seeder.doc).sessions.length === 3, "the undo reaches Ana");
    await page.screenshot({ path: join(SHOTS, "interactions-en.png"), fullPage: true });

    // A linked document opens in one click.
    await row("Charlie").getByRole("link", { name: "Reflection after the visit" }).click();
    await page.waitForURL(`**/d/${reflection.id}`);
    seeder.destroy();
    await context.close();
  }, 120_000);
});
