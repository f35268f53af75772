import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  DirectoryStorage,
  StoredInvite,
  StoredParticipant,
} from "../../server/storage/DirectoryStorage";
import type { Delegation, DocumentInfo, Exchange } from "../../shared/domain";
import type { StoredTemplate } from "../../shared/templates/templateSchema";

export interface DirectoryHarness {
  open(): Promise<DirectoryStorage>;
  dispose(): Promise<void>;
}

const exchange: Exchange = {
  id: "exchange0001",
  title: "Brazil–China",
  description: "",
  timeZone: "UTC",
  createdAt: 1,
};
const delegation: Delegation = {
  id: "delegation01",
  exchangeId: exchange.id,
  name: "Chengdu",
  country: "CN",
  color: "rose",
  timeZone: "Asia/Shanghai",
  workingLanguage: "zh-CN",
};
const participant = (
  id: string,
  sessionId: string,
  overrides: Partial<StoredParticipant> = {},
): StoredParticipant => ({
  id,
  exchangeId: exchange.id,
  delegationId: null,
  sessionId,
  displayName: `Name ${id}`,
  role: "delegate",
  uiLanguage: "en",
  joinedAt: 10,
  removedAt: null,
  ...overrides,
});
const invite = (id: string, overrides: Partial<StoredInvite> = {}): StoredInvite => ({
  id,
  exchangeId: exchange.id,
  delegationId: delegation.id,
  role: "observer",
  expiresAt: 1_000,
  maxUses: null,
  uses: 0,
  revokedAt: null,
  createdBy: "facilitat01",
  createdAt: 5,
  ...overrides,
});

/** One contract every DirectoryStorage implementation passes. */
export function directoryStorageContract(name: string, makeHarness: () => Promise<DirectoryHarness>): void {
  describe(`DirectoryStorage contract: ${name}`, () => {
    let harness: DirectoryHarness;
    let store: DirectoryStorage;

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
      await store.createSession("session-a", 1);
      await store.createSession("session-b", 1);
      await store.createExchange(exchange);
      await store.createDelegation(delegation, 2);
      await store.createParticipant(participant("facilitat01", "session-a", { role: "facilitator" }));
    });
    afterEach(async () => {
      await harness.dispose();
    });

    it("knows its sessions", async () => {
      expect(await store.touchSession("session-a", 50)).toBe(true);
      expect(await store.touchSession("nobody", 50)).toBe(false);
    });

    it("creates, reads and updates exchanges and delegations", async () => {
      await store.updateExchange(exchange.id, { title: "Brasil–China" });
      expect(await store.getExchange(exchange.id)).toEqual({ ...exchange, title: "Brasil–China" });
      expect(await store.getExchange("missing00001")).toBeNull();
      await store.updateDelegation(delegation.id, { color: "teal", name: "成都" });
      expect(await store.listDelegations(exchange.id)).toEqual([
        { ...delegation, color: "teal", name: "成都" },
      ]);
    });

    it("finds a session's member only while not removed, and lists memberships", async () => {
      await store.createParticipant(
        participant("delegate0001", "session-b", { delegationId: delegation.id }),
      );
      expect((await store.findMember("session-b", exchange.id))?.id).toBe("delegate0001");
      expect(
        (await store.listMemberships("session-b")).map((m) => [m.exchange.id, m.participant.id]),
      ).toEqual([[exchange.id, "delegate0001"]]);
      await store.updateParticipant("delegate0001", { role: "observer", displayName: "Lúcia" });
      expect(await store.getParticipant("delegate0001")).toMatchObject({
        role: "observer",
        displayName: "Lúcia",
      });
      await store.removeParticipant("delegate0001", 99);
      expect(await store.findMember("session-b", exchange.id)).toBeNull();
      expect(await store.listMemberships("session-b")).toEqual([]);
      expect((await store.listParticipants(exchange.id)).map((p) => p.id)).toEqual(["facilitat01"]);
      expect((await store.getParticipant("delegate0001"))?.removedAt).toBe(99);
    });

    it("joins with an invite only while it is usable, counting each use atomically", async () => {
      await store.createInvite(invite("invite000001", { maxUses: 1 }));
      expect(await store.joinWithInvite("invite000001", participant("first0000001", "session-b"), 100)).toBe(
        true,
      );
      expect(await store.joinWithInvite("invite000001", participant("second000001", "session-b"), 100)).toBe(
        false,
      );
      expect(await store.getParticipant("second000001")).toBeNull();
      expect((await store.getInvite("invite000001"))?.uses).toBe(1);

      await store.createInvite(invite("invite000002"));
      expect(
        await store.joinWithInvite("invite000002", participant("late00000001", "session-b"), 1_000),
      ).toBe(false);
      await store.revokeInvite("invite000002", 200);
      expect(await store.joinWithInvite("invite000002", participant("third0000001", "session-b"), 300)).toBe(
        false,
      );
      expect((await store.listInvites(exchange.id)).map((i) => [i.id, i.revokedAt])).toEqual(
        expect.arrayContaining([
          ["invite000001", null],
          ["invite000002", 200],
        ]),
      );
    });

    it("creates, renames, archives and restores documents", async () => {
      const document: DocumentInfo = {
        id: "document0001",
        exchangeId: exchange.id,
        kind: "agenda",
        title: "Agenda",
        createdBy: "facilitat01",
        createdAt: 20,
        updatedAt: 20,
        archived: false,
      };
      await store.createDocument(document);
      await store.updateDocument(document.id, { title: "议程", archived: true }, 30);
      expect(await store.getDocument(exchange.id, document.id)).toEqual({
        ...document,
        title: "议程",
        archived: true,
        updatedAt: 30,
      });
      await store.updateDocument(document.id, { archived: false }, 40);
      expect((await store.listDocuments(exchange.id))[0]).toMatchObject({ archived: false, updatedAt: 40 });
      expect(await store.getDocument("otherExchange1", document.id)).toBeNull();
    });

    it("keeps the template a document was made from, and nothing for a plain document", async () => {
      const base: DocumentInfo = {
        id: "document0002",
        exchangeId: exchange.id,
        kind: "reflection",
        title: "AAR",
        createdBy: "facilitat01",
        createdAt: 20,
        updatedAt: 20,
        archived: false,
      };
      await store.createDocument({ ...base, templateId: "after-action-review" });
      await store.createDocument({ ...base, id: "document0003", title: "Plain" });
      expect(await store.getDocument(exchange.id, base.id)).toEqual({
        ...base,
        templateId: "after-action-review",
      });
      const plain = await store.getDocument(exchange.id, "document0003");
      expect(plain).toEqual({ ...base, id: "document0003", title: "Plain" });
      expect(plain).not.toHaveProperty("templateId");
      // The first run's start is kept; a later start changes nothing.
      expect(await store.getDocument(exchange.id, base.id)).not.toHaveProperty("runStartedAt");
      await store.markRunStarted(base.id, 50);
      await store.markRunStarted(base.id, 60);
      expect((await store.getDocument(exchange.id, base.id))?.runStartedAt).toBe(50);
      expect((await store.listDocuments(exchange.id)).map((d) => d.runStartedAt)).toEqual([50, undefined]);
    });

    it("stores an exchange's own templates: create, list oldest first, replace, delete, per exchange", async () => {
      const first = template("template0001", 30, "Visita a Recife");
      const second = template("template0002", 40, "成都回顾");
      await store.createTemplate(exchange.id, second);
      await store.createTemplate(exchange.id, first);
      expect(await store.listTemplates(exchange.id)).toEqual([first, second]);
      expect(await store.getTemplate(exchange.id, first.id)).toEqual(first);
      // Another exchange sees none of them and cannot touch them.
      expect(await store.getTemplate("otherExchange1", first.id)).toBeNull();
      expect(await store.listTemplates("otherExchange1")).toEqual([]);
      expect(await store.updateTemplate("otherExchange1", { ...first, updatedAt: 99 })).toBe(false);
      expect(await store.deleteTemplate("otherExchange1", first.id)).toBe(false);

      const edited = {
        ...first,
        name: { en: "Recife visit" },
        sections: [first.sections[1]!],
        updatedAt: 50,
      };
      expect(await store.updateTemplate(exchange.id, edited)).toBe(true);
      expect(await store.getTemplate(exchange.id, first.id)).toEqual(edited);
      expect(await store.updateTemplate(exchange.id, { ...first, id: "missing00001" })).toBe(false);

      expect(await store.deleteTemplate(exchange.id, second.id)).toBe(true);
      expect(await store.deleteTemplate(exchange.id, second.id)).toBe(false);
      expect(await store.listTemplates(exchange.id)).toEqual([edited]);
    });
  });
}

/** A custom template as the API stores it: texts in several languages, a per-pair section, a run plan. */
function template(id: string, createdAt: number, name: string): StoredTemplate {
  return {
    version: 1,
    id,
    kind: "reflection",
    name: { "pt-BR": name, "zh-CN": `${name}（中文）` },
    purpose: { en: "Look back together." },
    durationMinutes: 45,
    sections: [
      { id: "intended", prompt: { en: "What did we mean to do?" }, guidance: {} },
      {
        id: "learned",
        prompt: { en: "Who learned what?", "zh-CN": "谁学到了什么？" },
        guidance: { "pt-BR": "Uma resposta por direção." },
        perDelegationPair: true,
      },
    ],
    runPlan: [
      { kind: "write", minutes: 8 },
      { kind: "reveal", minutes: 0 },
    ],
    createdAt,
    updatedAt: createdAt,
  };
}
