import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type { Delegation, DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { DocumentLayout, TemplateLayout, type TemplatePairEntry } from "../../shared/schema/documentLayout";
import { createExchange, type ExchangeFixture } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
let exchange: ExchangeFixture;
beforeAll(async () => {
  server = await startServer();
  exchange = await createExchange(server.url);
});
afterAll(async () => {
  await server.stop();
});

const addDelegation = (name: string) =>
  exchange.facilitator.session.ok<Delegation>("POST", `/api/exchanges/${exchange.exchangeId}/delegations`, {
    name,
    country: "CN",
    color: "blue",
    timeZone: "Asia/Shanghai",
    workingLanguage: "zh-CN",
  });

const newDocument = (templateId: string) =>
  exchange.facilitator.session.ok<DocumentInfo>("POST", `/api/exchanges/${exchange.exchangeId}/documents`, {
    kind: "reflection",
    title: templateId,
    templateId,
  });

const pairsOf = (doc: Y.Doc) =>
  (
    (doc.getMap(DocumentLayout.template).get(TemplateLayout.pairs) as TemplatePairEntry[] | undefined) ?? []
  ).map((pair) => `${pair.from.name}->${pair.to.name}`);
const learnedSpaces = (doc: Y.Doc) =>
  doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .filter((node) => (node as Y.XmlElement).getAttribute(TemplateLayout.sectionIdAttribute) === "learned")
    .map((node) => (node as Y.XmlElement).getAttribute(TemplateLayout.pairIndexAttribute));

describe("a delegation added after a 'who learned what' document was made", () => {
  it("gets its pairs there, live for whoever has it open and stored for later readers; a rename renames them", async () => {
    await addDelegation("Bristol council");
    const whoLearned = await newDocument("who-learned-what");
    const review = await newDocument("after-action-review");
    const room = formatRoomName({ exchangeId: exchange.exchangeId, documentId: whoLearned.id });
    const open = connectClient(server.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
    await open.synced();
    expect(pairsOf(open.doc)).toEqual([
      "Belo Horizonte health team->Bristol council",
      "Bristol council->Belo Horizonte health team",
    ]);

    const chengdu = await addDelegation("Chengdu office");
    // Answered once the change is made: the open client has it (or is about to, relayed after storing).
    await waitFor(() => pairsOf(open.doc).length === 6, "the open document gains the new pairs");
    expect(pairsOf(open.doc).slice(2)).toEqual([
      "Belo Horizonte health team->Chengdu office",
      "Chengdu office->Belo Horizonte health team",
      "Bristol council->Chengdu office",
      "Chengdu office->Bristol council",
    ]);
    await waitFor(() => learnedSpaces(open.doc).length === 6, "an answer space per new pair");
    expect(learnedSpaces(open.doc)).toEqual([0, 1, 2, 3, 4, 5]);
    open.destroy();

    // A reader who opens it later gets the same; a template without pairs was not touched.
    const later = connectClient(server.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
    await later.synced();
    expect(learnedSpaces(later.doc)).toEqual([0, 1, 2, 3, 4, 5]);
    later.destroy();
    expect(
      server.logs.filter((line) => line.event === "template.pairs_synced").map((line) => line.room),
    ).toEqual([room]);

    // Renaming a delegation renames its pairs, live.
    const again = connectClient(server.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
    await again.synced();
    await exchange.facilitator.session.ok(
      "PATCH",
      `/api/exchanges/${exchange.exchangeId}/delegations/${chengdu.id}`,
      { name: "Chengdu Health Bureau" },
    );
    await waitFor(
      () => pairsOf(again.doc).includes("Chengdu Health Bureau->Bristol council"),
      "renamed live",
    );
    expect(pairsOf(again.doc).filter((pair) => pair.includes("Chengdu"))).toEqual([
      "Belo Horizonte health team->Chengdu Health Bureau",
      "Chengdu Health Bureau->Belo Horizonte health team",
      "Bristol council->Chengdu Health Bureau",
      "Chengdu Health Bureau->Bristol council",
    ]);
    expect(learnedSpaces(again.doc)).toEqual([0, 1, 2, 3, 4, 5]);
    again.destroy();
    expect(server.logs.some((line) => String(line.room ?? "").includes(review.id))).toBe(false);
  });
});
