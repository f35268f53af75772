import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type { DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { DocumentLayout, TemplateLayout } from "../../shared/schema/documentLayout";
import { createExchange, type ExchangeFixture } from "../support/api";
import { newUserContext, serverAndBrowser } from "../support/browser";
import { connectClient, waitFor } from "../support/collabClient";
import { chengduDelegation } from "../support/delegations";
import { AAR_PHASES } from "../support/runFixture";
import { runStrings } from "../support/runScene";

/**
 * A "who learned what" run seen by a Brazilian delegate: the private draft has one answer space per pair
 * of delegations, labelled as the document labels them, and what she writes for "Chengdu -> Belo
 * Horizonte" is revealed under that pair in the shared document.
 */
describe("a who-learned-what run: the draft offers each pair of delegations", () => {
  const env = serverAndBrowser();
  const pt = runStrings("pt-BR");
  let exchange: ExchangeFixture;
  let page: Page;
  let room: string;
  let runPath: string;
  const BELO = "Belo Horizonte health team";
  const CHENGDU = "Chengdu community health";
  const TEXT = "Aprendemos com Chengdu a registrar as doações por bairro.";

  beforeAll(async () => {
    exchange = await createExchange(env.server.url);
    await exchange.addDelegation(chengduDelegation(CHENGDU));
    const document = await exchange.facilitator.session.ok<DocumentInfo>(
      "POST",
      `/api/exchanges/${exchange.exchangeId}/documents`,
      { kind: "reflection", title: "Quem aprendeu o quê", templateId: "who-learned-what" },
    );
    room = formatRoomName({ exchangeId: exchange.exchangeId, documentId: document.id });
    runPath = `/api/exchanges/${exchange.exchangeId}/documents/${document.id}/run`;
    const { session } = await exchange.join("delegate", "Ana Souza", { uiLanguage: "pt-BR" });
    const context = await newUserContext(env.browser, {
      baseURL: env.server.url,
      sessionCookie: session.cookie,
      language: "pt-BR",
      locale: "pt-BR",
    });
    page = await context.newPage();
    await exchange.facilitator.session.ok("POST", runPath, AAR_PHASES);
    await page.goto(`/x/${exchange.exchangeId}/d/${document.id}`);
  }, 60_000);

  it("shows one answer space per pair, labelled in Portuguese, and reveals a contribution under its pair", async () => {
    const learned = page.locator('[data-draft-section="learned"]');
    await expect
      .poll(() => learned.locator(".run-draft__pair").allTextContents(), { timeout: 15_000 })
      .toEqual([`${BELO} → ${CHENGDU}`, `${CHENGDU} → ${BELO}`]);
    // Read aloud as a sentence in the reader's language.
    const spoken = pt.pair.spoken.replace("{{to}}", BELO).replace("{{from}}", CHENGDU);
    const heading = learned.getByRole("heading", { name: spoken });
    await expect.poll(() => heading.count()).toBe(1);
    // Other sections keep a single answer space.
    expect(await page.locator('[data-draft-section="aims"] [data-draft-space]').count()).toBe(1);

    const chengduToBelo = learned.locator('[data-draft-space="learned#1"]');
    await chengduToBelo.getByRole("button", { name: pt.draft.add }).click();
    await chengduToBelo.locator("textarea").last().fill(TEXT);
    // Only that pair got the entry.
    expect(await learned.locator('[data-draft-space="learned#0"] textarea').count()).toBe(0);
    await page.waitForTimeout(1500);

    expect((await exchange.facilitator.session.request("POST", runPath, { type: "reveal" })).status).toBe(
      200,
    );
    await expect
      .poll(() => page.locator('.run-contributions [data-pair-index="1"]').textContent(), { timeout: 10_000 })
      .toContain(TEXT);
    expect(await page.locator('.run-contributions [data-pair-index="1"] h4').textContent()).toBe(
      `${CHENGDU} → ${BELO}`,
    );

    // In the server's document: under the element of pair 1, not the section's first.
    const reader = connectClient(env.server.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
    await reader.synced();
    const textOf = (pairIndex: number) =>
      reader.doc
        .getXmlFragment(DocumentLayout.content)
        .toArray()
        .map((n) => n as Y.XmlElement)
        .filter(
          (e) =>
            e.getAttribute(TemplateLayout.sectionIdAttribute) === "learned" &&
            (e.getAttribute(TemplateLayout.pairIndexAttribute) as unknown) === pairIndex,
        )
        .map((e) => e.toString())
        .join("");
    await waitFor(() => textOf(1).includes(TEXT), "revealed under pair 1");
    expect(textOf(0)).not.toContain(TEXT);
    reader.destroy();
  });

  it("shows a delegation added meanwhile in the open document: its pairs, after the others, the answers kept", async () => {
    const BRISTOL = "Bristol council";
    const pairs = page.locator(".collab-editor .template-section__pair");
    await expect.poll(() => pairs.count()).toBe(2);
    await exchange.addDelegation({
      name: BRISTOL,
      country: "GB",
      color: "blue",
      timeZone: "Europe/London",
      workingLanguage: "en-GB",
    });
    await expect
      .poll(() => pairs.allTextContents(), { timeout: 10_000 })
      .toEqual([
        `${BELO} → ${CHENGDU}`,
        `${CHENGDU} → ${BELO}`,
        `${BELO} → ${BRISTOL}`,
        `${BRISTOL} → ${BELO}`,
        `${CHENGDU} → ${BRISTOL}`,
        `${BRISTOL} → ${CHENGDU}`,
      ]);
    // The revealed contribution is still under its pair.
    const sections = page.locator(".collab-editor .template-section--pair");
    expect(await sections.nth(1).textContent()).toContain(TEXT);
  });
});
