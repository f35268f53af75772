import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createExchange, type ExchangeFixture, type Member } from "../support/api";
import { editorText, launchBrowser, newUserContext, waitForEditorText } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";

/**
 * Chinese pinyin input through an IME composition while another participant types in the same paragraph,
 * and Portuguese accented input, in two browser contexts (two people: separate storage, no shared
 * BroadcastChannel). Playwright has no IME API: the Chrome DevTools Protocol drives the composition the way
 * an IME does (Input.imeSetComposition for each pre-edit step, Input.insertText to commit).
 */

// Each word: the pinyin pre-edit text as an IME grows it, then the committed characters.
const WORDS = [
  { steps: ["n", "ni", "ni h", "ni ha", "ni hao"], word: "你好" },
  { steps: ["s", "sh", "shi", "shi j", "shi ji", "shi jie"], word: "世界" },
  { steps: ["h", "he", "he z", "he zu", "he zuo"], word: "合作" },
  { steps: ["x", "xu", "xue", "xue x", "xue xi"], word: "学习" },
] as const;

// What the Portuguese-speaking delegate types: keystrokes, then characters as a dead-key layout delivers
// them (a one-character composition: the accent, then the accented letter), then keystrokes.
const PT_TYPED_1 = "ação é ótimo, pôr ";
const DEAD_KEYS: Record<string, string> = { ç: "'", ã: "~", é: "´", ô: "^" };
const PT_INSERTED = ["ç", "ã", "é", "ô", " "];
const PT_TYPED_2 = "coração não café avô.";
const PT_TEXT = `${PT_TYPED_1}${PT_INSERTED.join("")}${PT_TYPED_2}`;
const SEED = "Início: ";

const EDITOR = '[role="textbox"][contenteditable="true"]';
const STEP_MS = 45;
const ROUNDS = process.env.MUTUAL_LONG === "1" ? 5 : 1;

function documentUrl(fx: ExchangeFixture, documentId: string): string {
  return `/x/${fx.exchangeId}/d/${documentId}`;
}

async function memberContext(
  browser: Browser,
  server: RunningServer,
  member: Member,
  options: { locale: string; language: string; timezoneId: string },
): Promise<BrowserContext> {
  const context = await newUserContext(browser, {
    baseURL: server.url,
    locale: options.locale,
    language: options.language,
    timezoneId: options.timezoneId,
  });
  // ApiSession keeps "mutual_session=<token>" (the Set-Cookie pair, attributes dropped).
  const [cookieName, token] = member.session.cookie!.split("=") as [string, string];
  expect(cookieName).toBe("mutual_session");
  await context.addCookies([{ name: cookieName, value: token, url: server.url }]);
  return context;
}

/** Counts non-overlapping occurrences. */
function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("IME and accented input while someone else types in the same paragraph", () => {
  let server: RunningServer;
  let browser: Browser;
  let fx: ExchangeFixture;
  let li: BrowserContext;
  let ana: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    fx = await createExchange(server.url, "Intercâmbio 交流");
    const delegate = await fx.join("delegate", "Ana Souza");
    li = await memberContext(browser, server, fx.facilitator, {
      locale: "zh-CN",
      language: "zh-CN",
      timezoneId: "Asia/Shanghai",
    });
    ana = await memberContext(browser, server, delegate, {
      locale: "pt-BR",
      language: "pt-BR",
      timezoneId: "America/Sao_Paulo",
    });
  });

  // Each scenario's pages are closed after it: their providers would keep syncing in the background.
  const open: Page[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((page) => page.close()));
  });

  afterAll(async () => {
    await li?.close();
    await ana?.close();
    await browser?.close();
    await server?.stop();
  });

  /** A and B in the same document, both editors ready, B's opening words in the one paragraph. */
  async function openPair(): Promise<{ pageA: Page; pageB: Page; cdpA: CDPSession; cdpB: CDPSession }> {
    const { document } = await fx.newDocument("notes");
    const url = documentUrl(fx, document.id);
    const pageA = await li.newPage();
    const pageB = await ana.newPage();
    open.push(pageA, pageB);
    await Promise.all([pageA.goto(url), pageB.goto(url)]);
    await Promise.all([
      pageA.locator(EDITOR).waitFor({ timeout: 15_000 }),
      pageB.locator(EDITOR).waitFor({ timeout: 15_000 }),
    ]);
    await pageB.locator(EDITOR).click();
    await pageB.keyboard.type(SEED);
    await waitForEditorText(pageA, (text) => text.trim() === SEED.trim());
    return { pageA, pageB, cdpA: await li.newCDPSession(pageA), cdpB: await ana.newCDPSession(pageB) };
  }

  /** A fresh document, both carets placed; B types while A composes; every composition must hold. */
  async function composeWhileOtherTypes(
    placeA: (page: Page) => Promise<void>,
    placeB: (page: Page) => Promise<void>,
  ): Promise<{ pageA: Page; pageB: Page }> {
    const { pageA, pageB, cdpA, cdpB } = await openPair();
    await pageA.locator(EDITOR).click();
    await placeA(pageA);
    await pageB.locator(EDITOR).click();
    await placeB(pageB);
    // Start B's typing loop first, then A's compositions, so they truly overlap.
    const typing = portugueseTyping(pageB, cdpB);
    const report = await chineseCompositions(pageA, cdpA, pageB);
    await typing;
    expectCompositionsHeld(report);
    return { pageA, pageB };
  }

  /** Both editors end with `expected`; taking the Chinese words out leaves exactly `latin`. */
  async function expectBothEnd(pageA: Page, pageB: Page, expected: string, latin?: string): Promise<void> {
    const [finalA, finalB] = await Promise.all([
      settledText(pageA, (text) => text.trim() === expected),
      settledText(pageB, (text) => text.trim() === expected),
    ]);
    assertFinalText(finalA, "A (zh-CN, composing)", latin);
    assertFinalText(finalB, "B (pt-BR, typing)", latin);
    expect(finalA, "both contexts show the same text").toBe(finalB);
    expect(finalA.trim()).toBe(expected);
  }

  const home = (page: Page) => page.keyboard.press("Control+Home");
  const end = (page: Page) => page.keyboard.press("Control+End");
  const words = WORDS.map((w) => w.word).join("");

  // --long (npm run test:long): every scenario again in fresh documents, for timing-dependent races.
  for (let round = 1; round <= ROUNDS; round++) {
    const suffix = ROUNDS > 1 ? ` (round ${round})` : "";

    // The same paragraph and the same ProseMirror text node: every remote keystroke would redraw the node
    // A is composing in.
    it(`A composes at the start of the paragraph while B types at its end${suffix}`, async () => {
      const { pageA, pageB } = await composeWhileOtherTypes(home, end);
      await expectBothEnd(pageA, pageB, `${words}${SEED}${PT_TEXT}`.trim());
    }, 40_000);

    it(`A composes at the very place B is typing (both at the end of the paragraph)${suffix}`, async () => {
      const { pageA, pageB } = await composeWhileOtherTypes(end, end);
      // Where the words land among B's letters depends on timing; what must hold is checked by assertFinalText.
      const complete = (text: string) => WORDS.every((w) => text.includes(w.word)) && text.includes("avô.");
      const finalA = await settledText(pageA, complete);
      const finalB = await settledText(pageB, (text) => text === finalA);
      assertFinalText(finalA, "A (zh-CN, composing)");
      assertFinalText(finalB, "B (pt-BR, typing)");
      expect(finalA, "both contexts show the same text").toBe(finalB);
    }, 40_000);

    // Every remote keystroke changes the text node's text before the composition: ProseMirror cannot keep
    // that node as it is, so a redraw while composing would end the composition.
    it(`B types inside the very text A is composing after (same text node, before the caret)${suffix}`, async () => {
      const afterThirdLetter = async (page: Page) => {
        await home(page);
        for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      };
      const { pageA, pageB } = await composeWhileOtherTypes(end, afterThirdLetter);
      const latin = `${SEED.slice(0, 3)}${PT_TEXT}${SEED.slice(3)}`;
      await expectBothEnd(pageA, pageB, `${latin}${words}`.trim(), latin);
    }, 40_000);
  }
});

/** Everything B types, truly interleaved with A: keystrokes 25 ms apart, dead-key compositions, keystrokes. */
async function portugueseTyping(page: Page, cdp: CDPSession): Promise<void> {
  await page.keyboard.type(PT_TYPED_1, { delay: 25 });
  for (const character of PT_INSERTED) {
    const accent = DEAD_KEYS[character];
    if (accent) {
      await cdp.send("Input.imeSetComposition", { text: accent, selectionStart: 1, selectionEnd: 1 });
      await sleep(30);
    }
    await cdp.send("Input.insertText", { text: character });
    await sleep(30);
  }
  await page.keyboard.type(PT_TYPED_2, { delay: 25 });
}

interface CompositionReport {
  /** Commits that were not found in one piece (pinyin gone) in A's own editor right after committing. */
  broken: string[];
  /** Words whose pre-edit text never showed in A's editor (the composition did not reach the editor). */
  unseen: string[];
  /** Words during whose composition B typed (B's own editor changed): the test's overlap premise. */
  overlapped: string[];
}

/**
 * Every word: grow the pinyin pre-edit step by step (caret at its end), commit the characters, then check
 * in A's own editor that the word is there, in one piece, with no pinyin left.
 */
async function chineseCompositions(page: Page, cdp: CDPSession, other: Page): Promise<CompositionReport> {
  const report: CompositionReport = { broken: [], unseen: [], overlapped: [] };
  for (const { steps, word } of WORDS) {
    const otherBefore = latinOf(await editorText(other));
    for (const text of steps) {
      await cdp.send("Input.imeSetComposition", {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
      await sleep(STEP_MS);
    }
    const pinyin = steps.at(-1)!;
    const during = await editorText(page);
    if (!during.includes(pinyin)) report.unseen.push(word);
    if (latinOf(await editorText(other)) !== otherBefore) report.overlapped.push(word);
    await cdp.send("Input.insertText", { text: word });
    try {
      await waitForEditorText(page, (text) => text.includes(word) && !text.includes(pinyin), 2_000);
    } catch (error) {
      report.broken.push(`${word}: ${(error as Error).message}`);
    }
    await sleep(STEP_MS);
  }
  return report;
}

/** The text without Chinese characters (what B typed, plus any pinyin). */
function latinOf(text: string): string {
  return text.replace(/\p{Script=Han}/gu, "");
}

function expectCompositionsHeld(report: CompositionReport): void {
  expect(report.broken, "commits not contiguous in the composer's own editor").toEqual([]);
  expect(report.unseen, "compositions that never showed their pinyin in the editor").toEqual([]);
  // The test's own premise: B really typed while A was composing.
  expect(report.overlapped.length, "compositions B typed during").toBeGreaterThanOrEqual(2);
}

/** Waits for the text to satisfy `done`; on timeout returns what is there, for the assertions to explain. */
function settledText(page: Page, done: (text: string) => boolean): Promise<string> {
  return waitForEditorText(page, done, 10_000).catch(() => editorText(page));
}

/** `latin`: what B's typing and the seed make together, in order. */
function assertFinalText(text: string, who: string, latin = `${SEED}${PT_TEXT}`): void {
  for (const { word } of WORDS) expect(occurrences(text, word), `${who}: "${word}" exactly once`).toBe(1);
  // Taking the committed words out must leave exactly B's text: no pinyin, no lost or reordered letters.
  let rest = text;
  for (const { word } of WORDS) rest = rest.replace(word, "");
  expect(rest.trim(), `${who}: Latin text after removing the Chinese words, in ${JSON.stringify(text)}`).toBe(
    latin.trim(),
  );
  for (const pinyin of ["ni hao", "shi jie", "he zuo", "xue xi", "hao", "jie", "zuo", "xue"])
    expect(text.includes(pinyin), `${who}: pinyin "${pinyin}" left over`).toBe(false);
}
