import * as Y from "yjs";
import type { DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import type { RunCommand, RunState } from "../../shared/run/runState";
import { DocumentLayout, TemplateLayout } from "../../shared/schema/documentLayout";
import { DraftLayout, RunLayout } from "../../shared/schema/runLayout";
import type { ExchangeFixture, Member } from "./api";
import { type CollabClient, connectClient, waitFor } from "./collabClient";

/** A document made from the After Action Review, with paths to its run. */
export async function templatedDocument(exchange: ExchangeFixture, by: Member = exchange.facilitator) {
  const document = await by.session.ok<DocumentInfo>(
    "POST",
    `/api/exchanges/${exchange.exchangeId}/documents`,
    {
      kind: "reflection",
      title: "After the site visit",
      templateId: "after-action-review",
    },
  );
  const base = `/api/exchanges/${exchange.exchangeId}/documents/${document.id}/run`;
  return {
    document,
    room: formatRoomName({ exchangeId: exchange.exchangeId, documentId: document.id }),
    draftRoom: (participantId: string) =>
      formatRoomName({ exchangeId: exchange.exchangeId, documentId: document.id, draftOf: participantId }),
    base,
    command: (member: Member, command: RunCommand) =>
      member.session.request<{ state: RunState }>("POST", base, command),
  };
}

export const AAR_PHASES: RunCommand & { type: "start" } = {
  type: "start",
  phases: [
    { kind: "write", minutes: 8 },
    { kind: "reveal", minutes: 0 },
    { kind: "discuss", minutes: 15 },
    { kind: "vote", minutes: 3 },
    { kind: "actions", minutes: 10 },
    { kind: "close", minutes: 0 },
  ],
  settings: { anonymous: false, dotsPerPerson: 3, severalDotsOnOne: true, actionsBy: "everyone" },
};

/** Writes contributions into a participant's draft through its own room, as their client would. */
export async function writeDraft(
  wsUrl: string,
  room: string,
  member: Member,
  entries: Array<{ sectionId: string; text: string }>,
): Promise<CollabClient> {
  const client = connectClient(wsUrl, room, { cookie: member.session.cookie, mutual: true });
  await client.synced();
  const list = client.doc.getArray<Y.Map<unknown>>(DraftLayout.contributions);
  client.doc.transact(() => {
    for (const entry of entries) {
      const map = new Y.Map<unknown>();
      map.set(DraftLayout.id, `${entry.sectionId}-${Math.random().toString(36).slice(2)}`);
      map.set(DraftLayout.sectionId, entry.sectionId);
      map.set(DraftLayout.text, new Y.Text(entry.text));
      list.push([map]);
    }
  });
  // Stored once the server acknowledged it.
  await waitFor(() => client.heard.saved.length > 0, "draft saved");
  return client;
}

export const runStateOf = (doc: Y.Doc): RunState | null =>
  (doc.getMap(RunLayout.map).get(RunLayout.state) as RunState | undefined) ?? null;

/** Every paragraph's text in each template section of a document. */
export function sectionTexts(doc: Y.Doc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of doc.getXmlFragment(DocumentLayout.content).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== TemplateLayout.sectionNode) continue;
    const id = String(node.getAttribute(TemplateLayout.sectionIdAttribute));
    const texts = node.toArray().map((child) =>
      child instanceof Y.XmlElement
        ? child
            .toArray()
            .map((t) => (t as Y.XmlText).toString())
            .join("")
        : "",
    );
    out.set(id, texts);
  }
  return out;
}

/** All the document's text, one string (to count contributions in). */
export function allText(doc: Y.Doc): string {
  return [...sectionTexts(doc).values()].flat().join("\n");
}
