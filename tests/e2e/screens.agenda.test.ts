import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SessionField, sessionsMap } from "../../shared/schema/agendaLayout";
import { wallToInstant } from "../../shared/schema/agendaTime";
import { addTestSession } from "../support/agendaFixtures";
import { agendaScene } from "../support/agendaScene";
import { serverAndBrowser } from "../support/browser";
import { connectClient, waitFor } from "../support/collabClient";
import {
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  LANGUAGES,
  PHONE,
  pageIn,
  SHOTS,
  shoot,
} from "./screensSupport";

// What each language's facilitator would write: delegations, sessions, a place and notes.
const WORDS = {
  en: {
    names: {
      exchange: "Ageing well exchange",
      recife: "Recife health team",
      bristol: "Bristol city council",
      chengdu: "Chengdu planning office",
      agenda: "Workshop agenda",
    },
    sessions: [
      "Welcome and opening plenary",
      "Coffee",
      "Working group: home care",
      "Working group: transport",
      "Site visit to the Bedminster food hub",
    ],
    place: "City Hall, Council Chamber",
    note: "Bring the maps from the Recife visit.",
    edit: "Edit",
    editTitle: "Edit session",
    save: "Save",
    titleRequired: "Give the session a title.",
    printView: "Print view",
    hours: "Working hours",
  },
  "pt-BR": {
    names: {
      exchange: "Intercâmbio envelhecer bem",
      recife: "Equipe de saúde do Recife",
      bristol: "Prefeitura de Bristol",
      chengdu: "Secretaria de planejamento de Chengdu",
      agenda: "Programação da oficina",
    },
    sessions: [
      "Boas-vindas e plenária de abertura",
      "Café",
      "Grupo de trabalho: cuidado domiciliar",
      "Grupo de trabalho: transporte",
      "Visita de campo ao centro de alimentos de Bedminster",
    ],
    place: "Prefeitura, Câmara Municipal",
    note: "Tragam os mapas da visita ao Recife.",
    edit: "Editar",
    editTitle: "Editar sessão",
    save: "Salvar",
    titleRequired: "Dê um título à sessão.",
    printView: "Versão para impressão",
    hours: "Horário de trabalho",
  },
  "zh-CN": {
    names: {
      exchange: "健康老龄化交流",
      recife: "累西腓卫生团队",
      bristol: "布里斯托尔市议会",
      chengdu: "成都市规划局",
      agenda: "研讨会日程",
    },
    sessions: [
      "欢迎致辞暨开幕全体会议",
      "茶歇",
      "工作组：居家照护",
      "工作组：交通出行",
      "实地考察贝德明斯特食品中心",
    ],
    place: "市政厅议事厅",
    note: "请带上考察累西腓时的地图。",
    edit: "编辑",
    editTitle: "编辑环节",
    save: "保存",
    titleRequired: "请填写环节标题。",
    printView: "打印视图",
    hours: "工作时间",
  },
} as const;

/**
 * The agenda on screen in each language: the agenda (two days, every delegation's clock, warnings),
 * the session editor (with a validation error) and the print view (as printed), each axe-clean and
 * screenshotted at desktop, tablet and phone widths.
 */
describe("agenda screens", () => {
  const env = serverAndBrowser();

  for (const language of LANGUAGES) {
    it(`agenda, session editor and print view in ${language.lng}`, async () => {
      const words = WORDS[language.lng];
      const scene = await agendaScene(env.server.url, words.names);
      const facilitator = scene.exchange.facilitator.session;
      await scene.exchange.setUiLanguage(scene.exchange.facilitator, language.lng);
      const seeder = connectClient(env.server.wsUrl, scene.room, {
        cookie: facilitator.cookie,
        mutual: true,
      });
      await seeder.synced();
      const london = (date: string, hh: number, mm = 0) => wallToInstant(date, hh * 60 + mm, "Europe/London");
      const [opening, coffee, care, transport, visit] = words.sessions;
      addTestSession(seeder.doc, {
        id: "opening",
        title: opening,
        start: london("2026-03-28", 9),
        end: london("2026-03-28", 10, 30),
        place: words.place,
        languages: ["en", "pt-BR", "zh-CN"],
        interpretation: [
          { from: "en", to: "pt-BR" },
          { from: "en", to: "zh-CN" },
        ],
        leads: [{ participantId: scene.exchange.facilitator.participantId }, { name: "Dr. Ana Souza" }],
        link: "https://meet.example.org/ageing-well",
      });
      addTestSession(seeder.doc, {
        id: "coffee",
        title: coffee,
        type: "break",
        start: london("2026-03-28", 10, 30),
        end: london("2026-03-28", 11),
      });
      addTestSession(seeder.doc, {
        id: "care",
        title: care,
        type: "working-group",
        track: "A",
        start: london("2026-03-28", 11),
        end: london("2026-03-28", 12, 30),
      });
      addTestSession(seeder.doc, {
        id: "transport",
        title: transport,
        type: "working-group",
        track: "A",
        start: london("2026-03-28", 12),
        end: london("2026-03-28", 13),
      });
      addTestSession(seeder.doc, {
        id: "visit",
        title: visit,
        type: "site-visit",
        zone: "Asia/Shanghai",
        start: london("2026-03-29", 14),
        end: london("2026-03-29", 16),
      });
      const notes = (sessionsMap(seeder.doc).get("opening") as Y.Map<unknown>).get(
        SessionField.notes,
      ) as Y.XmlFragment;
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(words.note)]);
      notes.insert(0, [paragraph]);
      await waitFor(() => seeder.heard.saved.length > 0, "the seeded agenda is saved");

      const { context, page } = await pageIn(env, language, facilitator.cookie);
      await page.goto(scene.url);
      await page.locator(".agenda-session").nth(4).waitFor();
      await page.locator(".agenda-session__overlap").first().waitFor();
      await page.locator(".agenda-times__zone--late").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lng);
      await expectNoAxeViolations(page, `agenda (${language.lng})`);
      await shoot(page, `agenda-${language.lng}`);
      await page.setViewportSize(PHONE);
      await expectNoSidewaysScroll(page, `agenda on a phone (${language.lng})`);
      await page.setViewportSize({ width: 1280, height: 800 });

      // The session editor, with a validation error showing.
      const row = page.locator('[data-session="opening"]');
      await row.getByRole("button", { name: words.edit, exact: true }).click();
      const dialog = page.getByRole("dialog", { name: words.editTitle });
      await dialog.locator(".agenda-notes-editor__content").getByText(words.note).waitFor();
      await dialog.getByRole("textbox").first().fill("");
      await dialog.getByRole("button", { name: words.save }).click();
      await dialog.getByText(words.titleRequired).waitFor();
      await expectNoAxeViolations(page, `session editor (${language.lng})`);
      await shoot(page, `agenda-editor-${language.lng}`);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });

      // Working hours of each delegation.
      await page.getByRole("button", { name: words.hours, exact: true }).click();
      const hoursDialog = page.getByRole("dialog");
      await hoursDialog.locator("fieldset").nth(2).waitFor();
      await expectNoAxeViolations(page, `working hours (${language.lng})`);
      await page.screenshot({ path: join(SHOTS, `agenda-hours-${language.lng}.png`) });
      await page.keyboard.press("Escape");
      await hoursDialog.waitFor({ state: "detached" });

      // The print view, as the printer gets it.
      await page.getByRole("button", { name: words.printView }).click();
      await page.locator(".agenda-print table").nth(1).waitFor();
      await expectNoAxeViolations(page, `print view (${language.lng})`);
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: join(SHOTS, `agenda-print-${language.lng}.png`), fullPage: true });
      expect(await page.locator(".document-header").isVisible()).toBe(false);
      expect(await page.locator(".agenda-print__controls").isVisible()).toBe(false);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      expect(pdf.byteLength).toBeGreaterThan(1000);
      await page.emulateMedia({ media: "screen" });
      seeder.destroy();
      await context.close();
    }, 120_000);
  }
});
