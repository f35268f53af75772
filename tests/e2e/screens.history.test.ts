import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createHistoryService } from "../../server/history/historyService";
import { silentLogger } from "../../server/log";
import { openSqliteDatabase } from "../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../server/storage/sqlite/SqliteDocumentStorage";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { createExchange, type Member } from "../support/api";
import { serverAndBrowser } from "../support/browser";
import { connectClient, waitFor } from "../support/collabClient";
import { chengduDelegation } from "../support/delegations";
import {
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  LANGUAGES,
  PHONE,
  pageIn,
  shoot,
} from "./screensSupport";

// What two delegations write, as each language's readers would, over three versions.
const SCENE = {
  en: {
    second: ["Chengdu planning office", "Li Wei"],
    first: "Older residents in Recife rarely hear about the new clinics.",
    added: "In Chengdu, neighbourhood committees visit every home once a month.",
    named: "Before day 2",
    phase: "Ideas",
  },
  "pt-BR": {
    second: ["Secretaria de planejamento de Chengdu", "Li Wei"],
    first: "As pessoas idosas do Recife raramente ficam sabendo das novas clínicas.",
    added: "Em Chengdu, os comitês de bairro visitam cada casa uma vez por mês.",
    named: "Antes do dia 2",
    phase: "Ideias",
  },
  "zh-CN": {
    second: ["成都市规划局", "张敏"],
    first: "累西腓的老年居民很少听说新开的诊所。",
    added: "在成都，社区居委会每月上门走访一次。",
    named: "第二天之前",
    phase: "头脑风暴",
  },
} as const;

/** The label a formatting change has in each language. */
const formattedLabel = Object.fromEntries(
  (["en", "pt-BR", "zh-CN"] as const).map((lng) => [
    lng,
    (
      JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/history.json`), "utf8")) as {
        formatted: string;
      }
    ).formatted,
  ]),
) as Record<"en" | "pt-BR" | "zh-CN", string>;

/** Writes a paragraph into the document through the server, as `member`'s editor would. */
async function write(wsUrl: string, room: string, member: Member, change: (content: Y.XmlFragment) => void) {
  const client = connectClient(wsUrl, room, { cookie: member.session.cookie });
  try {
    await client.synced();
    change(client.doc.getXmlFragment(DocumentLayout.content));
    const watcher = connectClient(wsUrl, room, { cookie: member.session.cookie });
    await watcher.synced();
    const expected = client.doc.getXmlFragment(DocumentLayout.content).toString();
    await waitFor(() => watcher.doc.getXmlFragment(DocumentLayout.content).toString() === expected, "stored");
    watcher.destroy();
  } finally {
    client.destroy();
  }
}
const paragraph = (text: string) => {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};

/**
 * The history panel, the changes between two versions and the replay in each language: axe-clean, and
 * screenshotted at desktop, tablet and phone widths (test-results/screens/history-*).
 */
describe("history screens", () => {
  const env = serverAndBrowser();

  for (const language of LANGUAGES) {
    it(`history panel, changes and replay in ${language.lng}`, async () => {
      const scene = SCENE[language.lng];
      const fx = await createExchange(env.server.url, language.exchange);
      await fx.facilitator.session.ok(
        "PATCH",
        `/api/exchanges/${fx.exchangeId}/delegations/${fx.delegation.id}`,
        {
          name: language.delegation,
        },
      );
      await fx.setUiLanguage(fx.facilitator, language.lng);
      const second = await fx.addDelegation(chengduDelegation(scene.second[0]));
      const first = await fx.join("delegate", language.name);
      const other = await fx.join("delegate", scene.second[1], {
        delegationId: second.id,
        uiLanguage: language.lng,
      });
      const { document, room } = await fx.newDocument("problem-statement");
      const base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;

      // A facilitated run will mark its phases with recordRunEvent: called here on the server's own file.
      const db = openSqliteDatabase(join(env.server.dataDir, "mutual.db"));
      const storage = createSqliteDocumentStorage(db);
      const history = createHistoryService({
        storage,
        rooms: { join: () => Promise.reject(new Error("unused")), leave() {}, flushWrites: async () => {} },
        log: silentLogger,
      });
      try {
        await write(env.server.wsUrl, room, first, (content) => content.push([paragraph(scene.first)]));
        await first.session.ok("POST", `${base}/versions`, { name: scene.named });
        const named = await storage.lastSeq(room);
        await write(env.server.wsUrl, room, other, (content) => {
          content.push([paragraph(scene.added)]);
          const text = (content.get(0) as Y.XmlElement).get(0) as Y.XmlText;
          text.delete(0, 4);
          // And makes the line's next words bold: a formatting change.
          text.format(4, 8, { bold: {} });
        });
        // The server writes its batches to the file within a second.
        for (let i = 0; i < 50 && (await storage.lastSeq(room)) <= named; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
        await history.recordRunEvent(room, { type: "phase", phase: scene.phase });
      } finally {
        history.close();
        db.close();
      }

      const { context, page } = await pageIn(env, language, fx.facilitator.session.cookie);
      await page.goto(`/x/${fx.exchangeId}/d/${document.id}`);
      await page.getByRole("textbox", { name: language.editorLabel }).waitFor();
      await page.locator(".document-header__tool[aria-expanded]").click();
      const panel = page.locator(".history[role=dialog]");
      await panel.locator(".history-item").nth(1).waitFor();
      await panel.locator(".history-doc__content").first().waitFor();
      expect(await panel.locator(".history-item__title--run-event").textContent()).toContain(scene.phase);
      expect(await panel.locator(".history-timeline__list").textContent()).toContain(scene.named);
      await expectNoAxeViolations(page, `history panel (${language.lng})`);
      await shoot(page, `history-panel-${language.lng}`);

      await panel.locator(".history__modes button").nth(1).click();
      // Against the named version (an automatic one may lie between: the writers left the room).
      const compareWith = panel.locator(".history-changes__controls select");
      const named = await compareWith.locator("option", { hasText: scene.named }).getAttribute("value");
      await compareWith.selectOption(named!);
      await panel.locator("ins.history-change").first().waitFor();
      // The bold is marked as the second writer's formatting change, in the reader's language.
      const formatted = panel.locator("span.history-change--format");
      expect(await formatted.count()).toBe(1);
      expect(await formatted.getAttribute("aria-label")).toBe(
        formattedLabel[language.lng]
          .replace("{{name}}", scene.second[1])
          .replace("{{delegation}}", scene.second[0]),
      );
      expect(
        await formatted.evaluate(
          (el) => el.closest("strong, b") !== null || el.querySelector("strong") !== null,
        ),
      ).toBe(true);
      await expectNoAxeViolations(page, `history changes (${language.lng})`);
      await shoot(page, `history-changes-${language.lng}`);

      await panel.locator(".history__modes button").nth(2).click();
      await panel.locator(".history-replay__slider").waitFor();
      await panel.locator(".history-doc__content").first().waitFor();
      await expectNoAxeViolations(page, `history replay (${language.lng})`);
      await shoot(page, `history-replay-${language.lng}`);
      await page.setViewportSize(PHONE);
      await expectNoSidewaysScroll(page, `history replay on a phone (${language.lng})`);
      await context.close();
    }, 180_000);
  }
});
