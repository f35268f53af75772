import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentKind, Invite } from "../../shared/domain";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { ApiSession, createExchange, type ExchangeFixture, type Member } from "../support/api";
import { probeRoom } from "../support/probeRoom";
import { type RunningServer, startServer } from "../support/server";

/**
 * Every HTTP route and every room kind, for every kind of caller: who is let in and who is not.
 * The expectations come from the product's rules, written out here rather than read from shared/permissions.
 */
type Actor = "facilitator" | "delegate" | "observer" | "outsider" | "anonymous" | "removed";
const ACTORS: Actor[] = ["facilitator", "delegate", "observer", "outsider", "anonymous", "removed"];

let server: RunningServer;
let fx: ExchangeFixture;
const sessions = {} as Record<Actor, ApiSession>;
const members = {} as Record<"delegate" | "observer", Member>;

beforeAll(async () => {
  server = await startServer();
  fx = await createExchange(server.url);
  sessions.facilitator = fx.facilitator.session;
  members.delegate = await fx.join("delegate", "Dora Delegate");
  members.observer = await fx.join("observer", "Oscar Observer");
  sessions.delegate = members.delegate.session;
  sessions.observer = members.observer.session;
  sessions.outsider = (await createExchange(server.url, "Another exchange")).facilitator.session;
  sessions.anonymous = new ApiSession(server.url);
  const removed = await fx.join("delegate", "Rui Removed");
  await fx.facilitator.session.ok(
    "DELETE",
    `/api/exchanges/${fx.exchangeId}/participants/${removed.participantId}`,
  );
  sessions.removed = removed.session;
});
afterAll(async () => {
  await server.stop();
});

const ALL_MEMBERS: Actor[] = ["facilitator", "delegate", "observer"];
const EDITORS: Actor[] = ["facilitator", "delegate"];
const FACILITATOR: Actor[] = ["facilitator"];
const deniedStatus = (actor: Actor) => (actor === "anonymous" ? 401 : 403);

interface RouteCase {
  name: string;
  allowed: Actor[];
  /** Makes the request; fresh targets are created per call so that one case cannot spoil another. */
  call(session: ApiSession): Promise<{ status: number }>;
}

const x = () => `/api/exchanges/${fx.exchangeId}`;
const routes: RouteCase[] = [
  { name: "GET exchange", allowed: ALL_MEMBERS, call: (s) => s.request("GET", x()) },
  {
    name: "PATCH exchange",
    allowed: FACILITATOR,
    call: (s) => s.request("PATCH", x(), { title: "Renamed exchange" }),
  },
  {
    name: "POST delegation",
    allowed: FACILITATOR,
    call: (s) =>
      s.request("POST", `${x()}/delegations`, {
        name: "Chengdu planning office",
        country: "CN",
        color: "rose",
        timeZone: "Asia/Shanghai",
        workingLanguage: "zh-CN",
      }),
  },
  {
    name: "PATCH delegation",
    allowed: FACILITATOR,
    call: (s) => s.request("PATCH", `${x()}/delegations/${fx.delegation.id}`, { name: "BH health team" }),
  },
  { name: "GET invites", allowed: FACILITATOR, call: (s) => s.request("GET", `${x()}/invites`) },
  {
    name: "POST invite",
    allowed: FACILITATOR,
    call: (s) =>
      s.request("POST", `${x()}/invites`, {
        role: "delegate",
        delegationId: null,
        expiresInHours: 2,
        maxUses: 1,
      }),
  },
  {
    name: "DELETE invite",
    allowed: FACILITATOR,
    call: async (s) => s.request("DELETE", `${x()}/invites/${(await fx.invite("observer")).id}`),
  },
  {
    name: "PATCH participant role",
    allowed: FACILITATOR,
    call: async (s) =>
      s.request("PATCH", `${x()}/participants/${(await fx.join("delegate")).participantId}`, {
        role: "observer",
      }),
  },
  {
    name: "DELETE participant",
    allowed: FACILITATOR,
    call: async (s) =>
      s.request("DELETE", `${x()}/participants/${(await fx.join("delegate")).participantId}`),
  },
  {
    name: "PATCH own name and language",
    allowed: ALL_MEMBERS,
    call: (s) => s.request("PATCH", `${x()}/participants/me`, { uiLanguage: "zh-CN" }),
  },
  {
    name: "POST document",
    allowed: EDITORS,
    call: (s) => s.request("POST", `${x()}/documents`, { kind: "notes", title: "Notes" }),
  },
  {
    name: "GET document",
    allowed: ALL_MEMBERS,
    call: async (s) => s.request("GET", `${x()}/documents/${(await fx.newDocument()).document.id}`),
  },
  {
    name: "PATCH document title",
    allowed: EDITORS,
    call: async (s) =>
      s.request("PATCH", `${x()}/documents/${(await fx.newDocument()).document.id}`, { title: "Renamed" }),
  },
  {
    name: "PATCH document archived",
    allowed: EDITORS,
    call: async (s) =>
      s.request("PATCH", `${x()}/documents/${(await fx.newDocument()).document.id}`, { archived: true }),
  },
];

describe("HTTP access table", () => {
  const cases = routes.flatMap((route) => ACTORS.map((actor) => [route.name, actor, route] as const));
  it.each(cases)("%s as %s", async (_name, actor, route) => {
    const { status } = await route.call(sessions[actor]);
    if (route.allowed.includes(actor)) expect(status).toBeLessThan(300);
    else expect(status).toBe(deniedStatus(actor));
  });

  it("lists only the caller's own memberships", async () => {
    const me = await sessions.outsider.ok<{ memberships: Array<{ exchange: { id: string } }> }>(
      "GET",
      "/api/me",
    );
    expect(me.memberships.map((m) => m.exchange.id)).not.toContain(fx.exchangeId);
    const anonymous = await sessions.anonymous.ok<{ memberships: unknown[] }>("GET", "/api/me");
    expect(anonymous.memberships).toEqual([]);
  });

  it("refuses state-changing requests from another origin", async () => {
    const response = await fetch(`${server.url}${x()}/documents`, {
      method: "POST",
      headers: {
        Origin: "http://evil.example",
        Cookie: sessions.facilitator.cookie!,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ kind: "notes", title: "CSRF" }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "origin_rejected" });
  });
});

describe("invite links", () => {
  async function inviteIn(state: "active" | "expired" | "revoked" | "used-up"): Promise<Invite> {
    const invite = await fx.invite("delegate", { maxUses: state === "used-up" ? 1 : null });
    if (state === "revoked") await sessions.facilitator.ok("DELETE", `${x()}/invites/${invite.id}`);
    if (state === "used-up")
      await new ApiSession(server.url).ok("POST", `/api/invites/${invite.token}/join`, {
        displayName: "First",
        uiLanguage: "en",
      });
    if (state === "expired") {
      const db = new Database(join(server.dataDir, "mutual.db"));
      db.prepare("UPDATE invites SET expires_at = ? WHERE id = ?").run(Date.now() - 1000, invite.id);
      db.close();
    }
    return invite;
  }

  it.each([
    ["active", 201, null],
    ["expired", 410, "invite_expired"],
    ["revoked", 410, "invite_revoked"],
    ["used-up", 410, "invite_used_up"],
  ] as const)("a %s link: join answers %i", async (state, status, error) => {
    const invite = await inviteIn(state);
    const visitor = new ApiSession(server.url);
    const preview = await visitor.request("GET", `/api/invites/${invite.token}`);
    expect(preview.status).toBe(status === 201 ? 200 : status);
    const joined = await visitor.request<{ error?: string }>("POST", `/api/invites/${invite.token}/join`, {
      displayName: "Visitor",
      uiLanguage: "zh-CN",
    });
    expect(joined.status).toBe(status);
    if (error) {
      expect(joined.body.error).toBe(error);
      expect((await visitor.request("GET", x())).status).toBe(visitor.cookie ? 403 : 401);
    }
  });

  it("a forged token is not found", async () => {
    const invite = await fx.invite("facilitator");
    const forged = `${invite.id}.${"A".repeat(32)}`;
    const result = await new ApiSession(server.url).request<{ error: string }>(
      "GET",
      `/api/invites/${forged}`,
    );
    expect(result).toEqual({ status: 404, body: { error: "invite_not_found" } });
  });
});

describe("room access table", () => {
  const kinds: Array<DocumentKind | "archived"> = [
    "agenda",
    "problem-statement",
    "reflection",
    "notes",
    "archived",
  ];
  const expected = (actor: Actor, kind: DocumentKind | "archived") => {
    if (actor === "anonymous") return { closed: CloseCode.unauthorized };
    if (actor === "outsider" || actor === "removed") return { closed: CloseCode.forbidden };
    if (kind === "archived" || actor === "observer") return { access: "read" };
    return { access: "write" };
  };
  const cases = kinds.flatMap((kind) => ACTORS.map((actor) => [kind, actor] as const));

  it.each(cases)("%s room as %s", async (kind, actor) => {
    const { document, room } = await fx.newDocument(kind === "archived" ? "notes" : kind);
    if (kind === "archived")
      await sessions.facilitator.ok("PATCH", `${x()}/documents/${document.id}`, { archived: true });
    expect(await probeRoom(server.url, room, sessions[actor].cookie)).toEqual(expected(actor, kind));
  });

  it("refuses a room of an existing exchange but an unknown document", async () => {
    const room = `${fx.exchangeId}/unknownDoc0001`;
    expect(await probeRoom(server.url, room, sessions.facilitator.cookie)).toEqual({
      closed: CloseCode.notFound,
    });
  });

  it("refuses a socket from another origin even with a valid session", async () => {
    const { room } = await fx.newDocument();
    expect(await probeRoom(server.url, room, sessions.facilitator.cookie, "http://evil.example")).toEqual({
      closed: CloseCode.forbidden,
    });
  });
});
