import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { DocumentLayout, TemplateLayout } from "../../shared/schema/documentLayout";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { serverWithExchange } from "../support/server";

const env = serverWithExchange();

/** A new After Action Review (five sections) and its room. */
async function newReview(): Promise<string> {
  const document = await env.exchange.facilitator.session.ok<DocumentInfo>(
    "POST",
    `/api/exchanges/${env.exchange.exchangeId}/documents`,
    { kind: "reflection", title: "Recife visit AAR", templateId: "after-action-review" },
  );
  return formatRoomName({ exchangeId: env.exchange.exchangeId, documentId: document.id });
}

const sections = (doc: Y.Doc) =>
  doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .map((node) => node as Y.XmlElement);
/** The answer's text node of a section (its first paragraph's), created by the first writer. */
const answer = (doc: Y.Doc, index: number): Y.XmlText | undefined =>
  (sections(doc)[index]?.get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined;
const answerText = (doc: Y.Doc, index: number) => answer(doc, index)?.toString() ?? "";
const sameContent = (clients: CollabClient[]) =>
  clients.every(
    (c) =>
      c.doc.getXmlFragment(DocumentLayout.content).toString() ===
      clients[0]!.doc.getXmlFragment(DocumentLayout.content).toString(),
  );
const write = (doc: Y.Doc, index: number, text: string, at = 0) => {
  const existing = answer(doc, index);
  if (existing) existing.insert(at, text);
  else (sections(doc)[index]!.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
};

async function connect(cookie: string | null, mutual = false): Promise<CollabClient> {
  const client = connectClient(env.server.wsUrl, currentRoom, { cookie, mutual });
  await client.synced();
  return client;
}
let currentRoom = "";

describe("co-writing a templated document", () => {
  it("two clients writing answers in different sections and in the same section converge", async () => {
    currentRoom = await newReview();
    const delegate = await env.exchange.join("delegate", "Lúcia");
    const a = await connect(env.exchange.facilitator.session.cookie);
    const b = await connect(delegate.session.cookie);
    expect(sections(a.doc)).toHaveLength(5);

    // Different sections at once.
    write(a.doc, 0, "Visit the Recife market and the clinic.");
    write(b.doc, 1, "只参观了市场。");
    await waitFor(() => sameContent([a, b]) && answerText(a.doc, 1) !== "", "different sections converge");
    expect(answerText(b.doc, 0)).toBe("Visit the Recife market and the clinic.");
    expect(answerText(a.doc, 1)).toBe("只参观了市场。");

    // The same section at once: both typed into the same answer, each at its own place.
    write(a.doc, 2, "Rain. ");
    await waitFor(() => answerText(b.doc, 2) === "Rain. ", "seed the shared answer");
    write(a.doc, 2, "The bus was late. ", 6);
    write(b.doc, 2, "A chuva atrasou tudo. ", 0);
    await waitFor(() => sameContent([a, b]) && answerText(a.doc, 2).length > 30, "same section converges");
    const shared = answerText(a.doc, 2);
    expect(shared).toContain("The bus was late.");
    expect(shared).toContain("A chuva atrasou tudo.");
    expect(answerText(b.doc, 2)).toBe(shared);

    // A reader arriving now gets the same, from the server.
    const reader = await connect(env.exchange.facilitator.session.cookie);
    expect(reader.doc.getXmlFragment(DocumentLayout.content).toString()).toBe(
      a.doc.getXmlFragment(DocumentLayout.content).toString(),
    );
    for (const client of [a, b, reader]) client.destroy();
  });

  it("a crafted update deleting a section is refused; the document stays whole for everyone else", async () => {
    currentRoom = await newReview();
    const honest = await connect(env.exchange.facilitator.session.cookie);
    const attacker = await connect((await env.exchange.join("delegate", "Mallory")).session.cookie, true);
    write(honest.doc, 3, "Keep the interpreters briefed.");
    await waitFor(() => answerText(attacker.doc, 3) !== "", "the attacker sees the answer");

    // Section 3 ("keep") deleted, mixed with an ordinary edit, as one update.
    attacker.doc.transact(() => {
      write(attacker.doc, 0, "harmless ");
      attacker.doc.getXmlFragment(DocumentLayout.content).delete(3, 1);
    });
    await waitFor(() => attacker.heard.refused.length > 0, "the server refuses the update");

    // Others never see it: the section, its answer and the whole update are not there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sections(honest.doc)).toHaveLength(5);
    expect(answerText(honest.doc, 3)).toBe("Keep the interpreters briefed.");
    expect(answerText(honest.doc, 0)).toBe("");
    const fresh = await connect(env.exchange.facilitator.session.cookie);
    expect(sections(fresh.doc).map((s) => s.getAttribute(TemplateLayout.sectionIdAttribute))).toEqual([
      "intended",
      "actual",
      "why-different",
      "keep",
      "change",
    ]);
    expect(answerText(fresh.doc, 3)).toBe("Keep the interpreters briefed.");

    // Overwriting the template copy is refused too.
    const refusedBefore = attacker.heard.refused.length;
    attacker.doc.getMap(DocumentLayout.template).set(TemplateLayout.definition, { version: 1, sections: [] });
    await waitFor(() => attacker.heard.refused.length > refusedBefore, "the map write is refused");
    const after = await connect(env.exchange.facilitator.session.cookie);
    expect(
      (after.doc.getMap(DocumentLayout.template).get(TemplateLayout.definition) as { id: string }).id,
    ).toBe("after-action-review");

    // The honest writer goes on writing, and everyone (a fresh reader included) gets it.
    write(honest.doc, 4, "Share the glossary before the visit.");
    await waitFor(() => answerText(fresh.doc, 4) !== "", "later edits still flow");
    expect(answerText(fresh.doc, 4)).toBe("Share the glossary before the visit.");
    for (const client of [honest, attacker, fresh, after]) client.destroy();
  });

  it("an ordinary edit that deletes answer text (not a section) is accepted", async () => {
    currentRoom = await newReview();
    const a = await connect(env.exchange.facilitator.session.cookie);
    const b = await connect(env.exchange.facilitator.session.cookie);
    write(a.doc, 1, "typo typo");
    await waitFor(() => answerText(b.doc, 1) === "typo typo", "answer arrives");
    answer(b.doc, 1)!.delete(4, 5);
    await waitFor(() => answerText(a.doc, 1) === "typo", "the deletion reaches the other client");
    for (const client of [a, b]) client.destroy();
  });
});
