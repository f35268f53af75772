import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { VersionSummary } from "../../shared/api/history";
import { deleteSession, setWorkingHours, updateSession } from "../../shared/schema/agendaEdit";
import { sessionsMap } from "../../shared/schema/agendaLayout";
import { readAgenda } from "../../shared/schema/agendaSession";
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
  shoot,
} from "./screensSupport";

// What a Recife and a Chengdu delegate write into the agenda, as each language's readers would.
const SCENE = {
  en: {
    names: ["Recife team", "Bristol council", "Chengdu office", "Workshop agenda"],
    people: ["Ana Souza", "Li Wei"],
    opening: ["Opening plenary", "Welcome and introductions"],
    visit: "Visit to a community health centre",
    lunch: "Lunch with the neighbourhood committee",
    place: "Council House, Room 2",
    note: "Bring name badges for everyone.",
  },
  "pt-BR": {
    names: ["Equipe do Recife", "Câmara de Bristol", "Escritório de Chengdu", "Programação da oficina"],
    people: ["Ana Souza", "Li Wei"],
    opening: ["Plenária de abertura", "Boas-vindas e apresentações"],
    visit: "Visita a um posto de saúde comunitário",
    lunch: "Almoço com o comitê de bairro",
    place: "Prefeitura, sala 2",
    note: "Levar crachás para todo mundo.",
  },
  "zh-CN": {
    names: ["累西腓团队", "布里斯托尔市议会", "成都办公室", "研讨会议程"],
    people: ["安娜", "李伟"],
    opening: ["开幕全体会议", "欢迎致辞与相互介绍"],
    visit: "参观社区卫生服务中心",
    lunch: "与居委会共进午餐",
    place: "市政厅二号会议室",
    note: "请为每位来宾准备胸牌。",
  },
} as const;

const london = (hh: number, mm = 0) => wallToInstant("2026-03-30", hh * 60 + mm, "Europe/London");

/**
 * The history of an agenda in each language: a version shown as its sessions, the changes between
 * two versions field by field with who made them, and the replay; axe-clean and screenshotted at
 * desktop, tablet and phone widths (test-results/screens/agenda-history-*).
 */
describe("agenda history screens", () => {
  const env = serverAndBrowser();

  for (const language of LANGUAGES) {
    it(`agenda version, changes and replay in ${language.lng}`, async () => {
      const text = SCENE[language.lng];
      const [recifeName, bristolName, chengduName, agendaName] = text.names;
      const scene = await agendaScene(env.server.url, {
        exchange: language.exchange,
        recife: recifeName,
        bristol: bristolName,
        chengdu: chengduName,
        agenda: agendaName,
      });
      await scene.exchange.setUiLanguage(scene.exchange.facilitator, language.lng);
      const ana = await scene.join(scene.recife, "delegate", text.people[0], language.lng);
      const li = await scene.join(scene.chengdu, "delegate", text.people[1], language.lng);
      const base = `/api/exchanges/${scene.exchange.exchangeId}/documents/${scene.agenda.id}`;
      const a = connectClient(env.server.wsUrl, scene.room, { cookie: ana.session.cookie, mutual: true });
      const l = connectClient(env.server.wsUrl, scene.room, { cookie: li.session.cookie, mutual: true });
      try {
        await Promise.all([a.synced(), l.synced()]);
        const add = (doc: Y.Doc, id: string, title: string, start: number, end: number, extra = {}) =>
          addTestSession(doc, { id, title, start, end, ...extra }, "test");
        add(a.doc, "opening", text.opening[0], london(9), london(10), { languages: ["en", "pt-BR"] });
        add(a.doc, "visit", text.visit, london(11), london(13), { type: "site-visit" });
        await waitFor(() => readAgenda(l.doc).sessions.length === 2, "Li has Ana's sessions");
        await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "1" });

        updateSession(
          l.doc,
          "opening",
          {
            title: text.opening[1],
            start: london(8, 30),
            languages: ["en", "pt-BR", "zh-CN"],
            place: text.place,
          },
          "test",
        );
        const notes = (sessionsMap(l.doc).get("opening") as Y.Map<unknown>).get("notes") as Y.XmlFragment;
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(text.note)]);
        notes.insert(0, [paragraph]);
        deleteSession(a.doc, "visit", "test");
        add(l.doc, "lunch", text.lunch, london(12), london(13, 30), { type: "social" });
        setWorkingHours(l.doc, scene.chengdu.id, { start: 7 * 60, end: 19 * 60 }, "test");
        await waitFor(() => readAgenda(a.doc).sessions.some((s) => s.id === "lunch"), "Ana has the lunch");
        await waitFor(() => readAgenda(l.doc).sessions.length === 2, "Li sees the visit gone");
        await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "2" });
      } finally {
        a.destroy();
        l.destroy();
      }

      const { context, page } = await pageIn(env, language, scene.exchange.facilitator.session.cookie);
      await page.goto(scene.url);
      await page.locator(".agenda-session__title", { hasText: text.lunch }).waitFor();
      await page.locator(".document-header__tool[aria-expanded]").click();
      const panel = page.locator(".history[role=dialog]");
      await panel.locator(".history-agenda-version__session", { hasText: text.lunch }).waitFor();
      await expectNoAxeViolations(page, `agenda version (${language.lng})`);
      await shoot(page, `agenda-history-version-${language.lng}`);

      await panel.locator(".history__modes button").nth(1).click();
      await panel.locator('.history-agenda__field[data-field="title"]').waitFor();
      expect(await panel.locator(".history-agenda__change").count()).toBe(4);
      await expectNoAxeViolations(page, `agenda changes (${language.lng})`);
      await shoot(page, `agenda-history-changes-${language.lng}`);

      await panel.locator(".history__modes button").nth(2).click();
      await panel.locator(".history-replay__slider").waitFor();
      await panel.locator(".history-agenda-version__session").first().waitFor();
      await expectNoAxeViolations(page, `agenda replay (${language.lng})`);
      await shoot(page, `agenda-history-replay-${language.lng}`);
      await page.setViewportSize(PHONE);
      await panel.locator(".history__modes button").nth(1).click();
      await panel.locator('.history-agenda__field[data-field="title"]').waitFor();
      await expectNoSidewaysScroll(page, `agenda changes on a phone (${language.lng})`);
      await context.close();
    }, 180_000);
  }
});
