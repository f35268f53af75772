import { beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type { ApiErrorBody } from "../../shared/api/errors";
import type { TemplateList } from "../../shared/api/responses";
import type { DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { DocumentLayout, TemplateLayout, type TemplatePairEntry } from "../../shared/schema/documentLayout";
import { BUILT_IN_TEMPLATE_IDS } from "../../shared/templates/builtInTemplates";
import type { ReflectionTemplate, StoredTemplate } from "../../shared/templates/templateSchema";
import { createExchange } from "../support/api";
import { serverCopy } from "../support/collabClient";
import { addBristolAndChengdu } from "../support/delegations";
import { serverWithExchange } from "../support/server";

const env = serverWithExchange();
beforeAll(() => addBristolAndChengdu(env.exchange));

const templatesPath = () => `/api/exchanges/${env.exchange.exchangeId}/templates`;

function custom(overrides: Partial<ReflectionTemplate> = {}): Omit<ReflectionTemplate, "id"> {
  return {
    version: 1,
    kind: "reflection",
    name: { en: "Market visit debrief", "zh-CN": "市场考察复盘" },
    purpose: { en: "What we saw at the Recife market." },
    durationMinutes: 30,
    sections: [
      { id: "saw", prompt: { en: "What did we see?", "zh-CN": "我们看到了什么？" }, guidance: {} },
      { id: "next", prompt: { en: "What next?" }, guidance: { en: "One step each." } },
    ],
    runPlan: [{ kind: "write", minutes: 5 }],
    ...overrides,
  };
}

/** The document as the server holds it. */
const storedCopy = (documentId: string) =>
  serverCopy(
    env.server.wsUrl,
    formatRoomName({ exchangeId: env.exchange.exchangeId, documentId }),
    env.exchange.facilitator.session.cookie,
  );

function structure(doc: Y.Doc) {
  const map = doc.getMap(DocumentLayout.template);
  const sections = doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .map((node) => node as Y.XmlElement);
  return {
    definition: map.get(TemplateLayout.definition) as ReflectionTemplate | undefined,
    pairs: map.get(TemplateLayout.pairs) as TemplatePairEntry[] | undefined,
    nodes: sections.map((s) => s.nodeName),
    sectionIds: sections.map((s) => s.getAttribute(TemplateLayout.sectionIdAttribute)),
    pairIndexes: sections.map((s) => s.getAttribute(TemplateLayout.pairIndexAttribute)),
  };
}

async function createFrom(templateId: string, kind = "reflection") {
  return env.exchange.facilitator.session.request<DocumentInfo & ApiErrorBody>(
    "POST",
    `/api/exchanges/${env.exchange.exchangeId}/documents`,
    { kind, title: `From ${templateId}`, templateId },
  );
}

describe("templates over HTTP", () => {
  it("lists the seven built-ins, resolved in all three languages, to every member", async () => {
    const delegate = await env.exchange.join("delegate");
    const list = await delegate.session.ok<TemplateList>("GET", templatesPath());
    expect(list.builtIn.map((t) => t.id)).toEqual([...BUILT_IN_TEMPLATE_IDS]);
    const aar = list.builtIn[0]!;
    expect(aar.name).toEqual({
      en: "After Action Review",
      "pt-BR": "Revisão pós-ação",
      "zh-CN": "行动后复盘",
    });
    expect(Object.keys(aar.sections[0]!.prompt).sort()).toEqual(["en", "pt-BR", "zh-CN"]);
    expect(list.custom).toEqual([]);
  });

  it("creates a document from each built-in with the expected structure on the server", async () => {
    const { builtIn } = await env.exchange.facilitator.session.ok<TemplateList>("GET", templatesPath());
    for (const template of builtIn) {
      const created = await createFrom(template.id, template.kind);
      expect(created.status, template.id).toBe(201);
      expect(created.body.templateId).toBe(template.id);
      const fetched = await env.exchange.facilitator.session.ok<{ document: DocumentInfo }>(
        "GET",
        `/api/exchanges/${env.exchange.exchangeId}/documents/${created.body.id}`,
      );
      expect(fetched.document.templateId).toBe(template.id);

      const got = structure(await storedCopy(created.body.id));
      expect(got.definition, template.id).toEqual(template);
      expect(new Set(got.nodes)).toEqual(new Set(["templateSection"]));
      if (template.id === "who-learned-what") {
        // 3 delegations: 6 directions for "learned", one space for each of the 7 other sections.
        expect(got.pairs?.map((p) => `${p.from.name.split(" ")[0]}->${p.to.name.split(" ")[0]}`)).toEqual([
          "Belo->Bristol",
          "Bristol->Belo",
          "Belo->Chengdu",
          "Chengdu->Belo",
          "Bristol->Chengdu",
          "Chengdu->Bristol",
        ]);
        expect(got.nodes).toHaveLength(13);
        expect(got.pairIndexes.filter((i) => i !== undefined)).toEqual([0, 1, 2, 3, 4, 5]);
      } else {
        expect(got.pairs).toBeUndefined();
        expect(got.sectionIds).toEqual(template.sections.map((s) => s.id));
      }
    }
  });

  it("refuses a template on an agenda, and a template that does not exist; plain documents stay plain", async () => {
    const onAgenda = await createFrom("after-action-review", "agenda");
    expect(onAgenda.status).toBe(400);
    expect(onAgenda.body).toEqual({ error: "validation_failed", fields: { templateId: "invalid" } });
    const unknown = await createFrom("no-such-template");
    expect(unknown.body).toEqual({ error: "validation_failed", fields: { templateId: "invalid" } });
    const documents = await env.exchange.facilitator.session.ok<{ documents: DocumentInfo[] }>(
      "GET",
      `/api/exchanges/${env.exchange.exchangeId}`,
    );
    expect(documents.documents.some((d) => d.title === "From no-such-template")).toBe(false);

    const { document } = await env.exchange.newDocument("reflection");
    expect(document).not.toHaveProperty("templateId");
    const plain = await storedCopy(document.id);
    expect(plain.share.has(DocumentLayout.template)).toBe(false);
  });

  it("keeps a document's own copy when its custom template is edited or deleted", async () => {
    const session = env.exchange.facilitator.session;
    const template = await session.ok<StoredTemplate>("POST", templatesPath(), custom());
    expect(template.id).toMatch(/^[A-Za-z0-9]{16}$/);
    const created = await createFrom(template.id);
    expect(created.status).toBe(201);

    const edited = await session.ok<StoredTemplate>(
      "PUT",
      `${templatesPath()}/${template.id}`,
      custom({ name: { en: "Renamed" }, sections: [{ id: "only", prompt: { en: "Only?" }, guidance: {} }] }),
    );
    expect(edited).toMatchObject({ id: template.id, name: { en: "Renamed" }, createdAt: template.createdAt });
    expect((await session.request("DELETE", `${templatesPath()}/${template.id}`)).status).toBe(204);
    expect((await session.request("DELETE", `${templatesPath()}/${template.id}`)).status).toBe(404);

    const got = structure(await storedCopy(created.body.id));
    expect(got.definition).toEqual({ ...custom(), id: template.id });
    expect(got.sectionIds).toEqual(["saw", "next"]);
    // A document made from a deleted template still opens as it was; a new one cannot be made from it.
    expect((await createFrom(template.id)).status).toBe(400);
  });

  it("duplicates a built-in into the exchange's own templates", async () => {
    const copy = await env.exchange.facilitator.session.ok<StoredTemplate>("POST", templatesPath(), {
      fromBuiltIn: "kolb-cycle",
    });
    const { builtIn, custom: mine } = await env.exchange.facilitator.session.ok<TemplateList>(
      "GET",
      templatesPath(),
    );
    const kolb = builtIn.find((t) => t.id === "kolb-cycle")!;
    expect(copy.id).not.toBe("kolb-cycle");
    expect({ ...copy, id: kolb.id, createdAt: 0, updatedAt: 0 }).toEqual({
      ...kolb,
      createdAt: 0,
      updatedAt: 0,
    });
    expect(mine.map((t) => t.id)).toContain(copy.id);
    const wrong = await env.exchange.facilitator.session.request("POST", templatesPath(), {
      fromBuiltIn: "nope",
    });
    expect(wrong.status).toBe(400);
  });

  it("refuses an invalid template body with every problem, storing nothing", async () => {
    const before = (await env.exchange.facilitator.session.ok<TemplateList>("GET", templatesPath())).custom;
    const result = await env.exchange.facilitator.session.request<ApiErrorBody>(
      "POST",
      templatesPath(),
      custom({ name: { en: "<script>x</script>" }, sections: [] }),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      error: "invalidTemplate",
      problems: expect.arrayContaining([
        { path: "name.en", code: "scriptNotAllowed" },
        { path: "sections", code: "noSections" },
      ]),
    });
    expect((await env.exchange.facilitator.session.ok<TemplateList>("GET", templatesPath())).custom).toEqual(
      before,
    );
  });

  it("imports a file (one problem per invalid item, nothing stored on failure) and exports it back", async () => {
    const session = env.exchange.facilitator.session;
    const before = (await session.ok<TemplateList>("GET", templatesPath())).custom;
    const bad = custom({
      sections: [
        { id: "a", prompt: { en: "x".repeat(501) }, guidance: {} },
        { id: "b", prompt: { en: "ok" }, guidance: { "pt-BR": "<img src=x onerror=alert(1)>" } },
      ],
    });
    const refused = await session.request<ApiErrorBody>("POST", `${templatesPath()}/import`, {
      file: JSON.stringify(bad),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: "invalidTemplate",
      problems: [
        { path: "sections.0.prompt.en", code: "promptTooLong" },
        { path: "sections.1.guidance.pt-BR", code: "scriptNotAllowed" },
      ],
    });
    for (const [file, code] of [
      ["{not json", "notJson"],
      [JSON.stringify({ ...custom(), version: 7 }), "unknownVersion"],
      [JSON.stringify(custom({ sections: [] })), "noSections"],
    ] as const) {
      const answer = await session.request<ApiErrorBody>("POST", `${templatesPath()}/import`, { file });
      expect(answer.body.problems?.map((p) => p.code)).toEqual([code]);
    }
    const tooMany = custom({
      sections: Array.from({ length: 31 }, (_, i) => ({ id: `s${i}`, prompt: { en: "?" }, guidance: {} })),
    });
    const answer = await session.request<ApiErrorBody>("POST", `${templatesPath()}/import`, {
      file: JSON.stringify(tooMany),
    });
    expect(answer.body.problems).toEqual([{ path: "sections", code: "tooManySections" }]);
    expect((await session.ok<TemplateList>("GET", templatesPath())).custom).toEqual(before);

    // A file exported from another exchange (it carries that exchange's id) imports under a new id.
    const imported = await session.ok<StoredTemplate>("POST", `${templatesPath()}/import`, {
      file: JSON.stringify({ ...custom(), id: "someoneElses1" }),
    });
    expect(imported.id).not.toBe("someoneElses1");
    const exported = await fetch(`${env.server.url}${templatesPath()}/${imported.id}/export`, {
      headers: { Cookie: session.cookie!, Origin: env.server.url },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe(
      'attachment; filename="market-visit-debrief.mutual-template.json"',
    );
    const text = await exported.text();
    expect(JSON.parse(text)).toEqual({ ...custom(), id: imported.id });
    // Round trip: the exported file imports again as an equal template.
    const again = await session.ok<StoredTemplate>("POST", `${templatesPath()}/import`, { file: text });
    expect({ ...again, id: "", createdAt: 0, updatedAt: 0 }).toEqual({
      ...imported,
      id: "",
      createdAt: 0,
      updatedAt: 0,
    });

    const builtIn = await fetch(`${env.server.url}${templatesPath()}/after-action-review/export`, {
      headers: { Cookie: session.cookie!, Origin: env.server.url },
    });
    expect(builtIn.headers.get("content-disposition")).toContain("after-action-review.mutual-template.json");
    expect(JSON.parse(await builtIn.text()).sections).toHaveLength(5);
  });

  it("refuses delegates and observers creating, editing, importing or deleting templates (403); they read and export", async () => {
    const mine = await env.exchange.facilitator.session.ok<StoredTemplate>("POST", templatesPath(), custom());
    for (const role of ["delegate", "observer"] as const) {
      const member = await env.exchange.join(role);
      const attempts: Array<[string, string, unknown]> = [
        ["POST", templatesPath(), custom()],
        ["POST", templatesPath(), { fromBuiltIn: "after-action-review" }],
        ["PUT", `${templatesPath()}/${mine.id}`, custom({ name: { en: "Taken over" } })],
        ["POST", `${templatesPath()}/import`, { file: JSON.stringify(custom()) }],
        ["DELETE", `${templatesPath()}/${mine.id}`, undefined],
      ];
      for (const [method, path, body] of attempts) {
        const result = await member.session.request(method, path, body);
        expect([role, method, path, result.status, result.body]).toEqual([
          role,
          method,
          path,
          403,
          { error: "forbidden" },
        ]);
      }
      expect((await member.session.request("GET", templatesPath())).status).toBe(200);
      expect((await member.session.request("GET", `${templatesPath()}/${mine.id}/export`)).status).toBe(200);
    }
    const after = await env.exchange.facilitator.session.ok<TemplateList>("GET", templatesPath());
    expect(after.custom.find((t) => t.id === mine.id)).toEqual(mine);
    // Someone from another exchange sees nothing of this one's templates.
    const other = await createExchange(env.server.url, "Another exchange");
    expect((await other.facilitator.session.request("GET", templatesPath())).status).toBe(403);
    expect(
      (
        await other.facilitator.session.request(
          "GET",
          `/api/exchanges/${other.exchangeId}/templates/${mine.id}/export`,
        )
      ).status,
    ).toBe(404);
  });
});
