import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Delegation, DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import type { RevealedContribution, RunSummary } from "../../shared/run/runRecords";
import type { RunCommand, RunState } from "../../shared/run/runState";
import { DocumentLayout, TemplateLayout, type TemplatePairEntry } from "../../shared/schema/documentLayout";
import { DraftLayout, RunLayout } from "../../shared/schema/runLayout";
import type { Member } from "../support/api";
import { type CollabClient, connectClient, serverCopy, waitFor } from "../support/collabClient";
import { addBristolAndChengdu } from "../support/delegations";
import { AAR_PHASES, runStateOf } from "../support/runFixture";
import { serverWithExchange } from "../support/server";

const env = serverWithExchange();
let bristol: Delegation;
let chengdu: Delegation;
beforeAll(async () => {
  ({ bristol, chengdu } = await addBristolAndChengdu(env.exchange));
});

/** Writes draft entries as the draft editor does: section, pair (when given) and text. */
async function writePairDraft(
  room: string,
  member: Member,
  entries: Array<{ sectionId: string; pairIndex?: number; text: string }>,
): Promise<CollabClient> {
  const client = connectClient(env.server.wsUrl, room, { cookie: member.session.cookie, mutual: true });
  await client.synced();
  const list = client.doc.getArray<Y.Map<unknown>>(DraftLayout.contributions);
  client.doc.transact(() => {
    for (const entry of entries) {
      const map = new Y.Map<unknown>();
      map.set(DraftLayout.id, Math.random().toString(36).slice(2));
      map.set(DraftLayout.sectionId, entry.sectionId);
      if (entry.pairIndex !== undefined) map.set(DraftLayout.pairIndex, entry.pairIndex);
      map.set(DraftLayout.text, new Y.Text(entry.text));
      list.push([map]);
    }
  });
  await waitFor(() => client.heard.saved.length > 0, "draft saved");
  return client;
}

/** The document as the server holds it. */
const storedCopy = (room: string) =>
  serverCopy(env.server.wsUrl, room, env.exchange.facilitator.session.cookie);

/** Each "learned" answer space's text by its element's pairIndex attribute. */
function learnedByPair(doc: Y.Doc): Map<unknown, string> {
  const out = new Map<unknown, string>();
  for (const node of doc.getXmlFragment(DocumentLayout.content).toArray()) {
    const element = node as Y.XmlElement;
    if (element.getAttribute(TemplateLayout.sectionIdAttribute) !== "learned") continue;
    const text = element
      .toArray()
      .map((p) => (p as Y.XmlElement).toArray().map(String).join(""))
      .join("\n");
    out.set(element.getAttribute(TemplateLayout.pairIndexAttribute), text);
  }
  return out;
}

describe("facilitated run of a per-pair template (who learned what)", () => {
  it("reveals drafts for two different pairs under their own pair's section element, in one change; votes and the summary keep the pair", async () => {
    const document = await env.exchange.facilitator.session.ok<DocumentInfo>(
      "POST",
      `/api/exchanges/${env.exchange.exchangeId}/documents`,
      { kind: "reflection", title: "Who learned what", templateId: "who-learned-what" },
    );
    const room = formatRoomName({ exchangeId: env.exchange.exchangeId, documentId: document.id });
    const draftRoom = (participantId: string) =>
      formatRoomName({
        exchangeId: env.exchange.exchangeId,
        documentId: document.id,
        draftOf: participantId,
      });
    const base = `/api/exchanges/${env.exchange.exchangeId}/documents/${document.id}/run`;
    const command = (c: RunCommand) =>
      env.exchange.facilitator.session.request<{ state: RunState }>("POST", base, c);

    const before = await storedCopy(room);
    const pairs = before.getMap(DocumentLayout.template).get(TemplateLayout.pairs) as TemplatePairEntry[];
    const indexOf = (from: Delegation, to: Delegation) =>
      pairs.findIndex((p) => p.from.id === from.id && p.to.id === to.id);
    const beloToBristol = indexOf(env.exchange.delegation, bristol);
    const chengduToBristol = indexOf(chengdu, bristol);
    const bristolToChengdu = indexOf(bristol, chengdu);
    // Neither is the first pair: the old placement (first element of the section) would be wrong for both.
    expect(beloToBristol).toBe(0);
    expect(chengduToBristol).toBe(5);
    expect(bristolToChengdu).toBe(4);
    before.destroy();

    const fromBristol = await env.exchange.join("delegate", "Bea Bristol", {
      delegationId: bristol.id,
      uiLanguage: "en",
    });
    const fromChengdu = await env.exchange.join("delegate", "Chen Chengdu", {
      delegationId: chengdu.id,
      uiLanguage: "en",
    });
    expect((await command(AAR_PHASES)).status).toBe(200);
    const drafts = [
      await writePairDraft(draftRoom(fromBristol.participantId), fromBristol, [
        { sectionId: "learned", pairIndex: chengduToBristol, text: "bristol-learned-from-chengdu" },
        { sectionId: "aims", text: "bristol-aims" },
      ]),
      await writePairDraft(draftRoom(fromChengdu.participantId), fromChengdu, [
        { sectionId: "learned", pairIndex: bristolToChengdu, text: "chengdu-learned-from-bristol" },
        // Written before drafts knew pairs: it still appears, under the section's first pair.
        { sectionId: "learned", text: "chengdu-old-draft" },
      ]),
    ];

    const watcher = connectClient(env.server.wsUrl, room, {
      cookie: env.exchange.facilitator.session.cookie,
    });
    await watcher.synced();
    let changes = 0;
    watcher.doc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin === watcher.provider) changes++;
    });
    expect((await command({ type: "reveal" })).status).toBe(200);
    await waitFor(() => runStateOf(watcher.doc)?.revealed === true, "revealed");
    // Everything arrived as one change (contributions, their list, the flag).
    expect(changes).toBe(1);

    const after = await storedCopy(room);
    const learned = learnedByPair(after);
    expect(learned.get(chengduToBristol)).toContain("bristol-learned-from-chengdu");
    expect(learned.get(chengduToBristol)).toContain("Bea Bristol · Bristol city council");
    expect(learned.get(bristolToChengdu)).toContain("chengdu-learned-from-bristol");
    expect(learned.get(beloToBristol)).toContain("chengdu-old-draft");
    // Each exactly once, nowhere else.
    const everywhere = [...learned.values()].join("\n");
    for (const marker of ["bristol-learned-from-chengdu", "chengdu-learned-from-bristol"])
      expect(everywhere.split(marker).length - 1).toBe(1);
    expect(learned.get(beloToBristol)).not.toContain("learned-from");

    const contributions = after.getMap(RunLayout.map).get(RunLayout.contributions) as RevealedContribution[];
    const byText = new Map(contributions.map((c) => [c.text, c]));
    expect(byText.get("bristol-learned-from-chengdu")?.pairIndex).toBe(chengduToBristol);
    expect(byText.get("chengdu-learned-from-bristol")?.pairIndex).toBe(bristolToChengdu);
    expect(byText.get("chengdu-old-draft")?.pairIndex).toBe(beloToBristol);
    expect(byText.get("bristol-aims")?.pairIndex).toBeUndefined();

    // A second reveal changes nothing.
    expect((await command({ type: "reveal" })).status).toBe(200);
    const again = learnedByPair(await storedCopy(room));
    expect(again).toEqual(learned);

    // Voted on and summed up, the contribution keeps its pair: the summary's top item names it.
    for (let i = 0; i < 3; i++) await command({ type: "next" }); // write -> reveal -> discuss -> vote
    const voted = byText.get("chengdu-learned-from-bristol")!.id;
    const vote = await fromBristol.session.request("PUT", `${base}/votes`, { dots: { [voted]: 2 } });
    expect(vote.status).toBe(200);
    expect((await command({ type: "close" })).status).toBe(200);
    const closed = await storedCopy(room);
    const summary = closed.getMap(RunLayout.map).get(RunLayout.summary) as RunSummary;
    expect(summary.top).toEqual([
      expect.objectContaining({ contributionId: voted, pairIndex: bristolToChengdu, votes: 2 }),
    ]);
    closed.destroy();
    for (const d of drafts) d.destroy();
    watcher.destroy();
    after.destroy();
  });
});
