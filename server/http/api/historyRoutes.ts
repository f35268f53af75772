import { type Response, Router } from "express";
import type {
  AgendaHistoryChange,
  CompareResult,
  HistoryAuthor,
  HistoryDirectory,
  ReplayPlan,
  ReplayState,
  VersionPage,
  VersionState,
  VersionSummary,
  WhoWroteMap,
} from "../../../shared/api/history";
import { versionNameSchema } from "../../../shared/api/history";
import { DELEGATION_COLORS, type DocumentInfo } from "../../../shared/domain";
import { canOnDocument, type DocumentAction, roomAccess } from "../../../shared/permissions";
import { isId } from "../../../shared/protocol/ids";
import { presenceUserOf } from "../../../shared/protocol/presenceUser";
import { formatRoomName } from "../../../shared/protocol/roomName";
import { type HistoryService, VersionNotFound } from "../../history/historyService";
import type { StoredVersion } from "../../storage/DocumentStorage";
import type { ApiContext } from "./ApiContext";
import { ApiError, forbidden, notFound, parse } from "./ApiError";
import { memberOf, requireMember } from "./session";

const PAGE_DEFAULT = 50;
const PAGE_MAX = 200;

/**
 * Version history of a document (issue 32): list, name, rename, view, compare, replay, restore, and the
 * authors behind client ids. Permissions from shared/permissions.ts: everyone who reads sees history,
 * who can write names and restores (never in an archived document).
 */
export function historyRoutes(ctx: ApiContext & { history: HistoryService }): Router {
  const router = Router();
  const { history } = ctx;
  const base = "/api/exchanges/:exchangeId/documents/:documentId";

  /** The document, its room name, after checking the member may do `action` on it. */
  async function authorize(
    params: Record<string, unknown>,
    response: Response,
    action: DocumentAction,
  ): Promise<{ document: DocumentInfo; room: string }> {
    const exchangeId = params.exchangeId as string;
    const document = isId(params.documentId)
      ? await ctx.directory.getDocument(exchangeId, params.documentId)
      : null;
    if (!document) throw notFound();
    const role = memberOf(response).role;
    if (!canOnDocument(role, document.kind, action)) throw forbidden();
    // Changing history changes the live document or its record: never in an archived (read-only) one.
    if (action !== "history.read" && roomAccess(role, document.kind, document.archived) !== "write")
      throw forbidden();
    return { document, room: formatRoomName({ exchangeId, documentId: document.id }) };
  }

  /** Names and colours of everyone an answer mentions, removed participants included. */
  async function directoryFor(
    exchangeId: string,
    authors: Iterable<HistoryAuthor>,
  ): Promise<HistoryDirectory> {
    const [participants, delegations] = await Promise.all([
      ctx.directory.listParticipants(exchangeId),
      ctx.directory.listDelegations(exchangeId),
    ]);
    const known = new Map(participants.map((p) => [p.id, p]));
    const people: HistoryDirectory["people"] = {};
    for (const { participantId } of authors) {
      if (!participantId || people[participantId]) continue;
      const participant = known.get(participantId) ?? (await ctx.directory.getParticipant(participantId));
      if (participant && participant.exchangeId === exchangeId) {
        people[participantId] = { name: participant.displayName, delegationId: participant.delegationId };
      }
    }
    const colours: HistoryDirectory["delegations"] = {};
    for (const delegation of delegations) {
      colours[delegation.id] = { name: delegation.name, color: DELEGATION_COLORS[delegation.color] };
    }
    return { people, delegations: colours };
  }

  /** Titles of the exchange's documents an agenda's changed sessions link (before or after). */
  async function documentTitles(
    exchangeId: string,
    changes: readonly AgendaHistoryChange[],
  ): Promise<Record<string, string>> {
    const linked = new Set<string>();
    for (const change of changes)
      for (const field of change.fields)
        if (field.field === "documents")
          for (const value of [field.before, field.after])
            if (Array.isArray(value)) for (const id of value) if (typeof id === "string") linked.add(id);
    if (linked.size === 0) return {};
    const titles: Record<string, string> = {};
    for (const info of await ctx.directory.listDocuments(exchangeId))
      if (linked.has(info.id)) titles[info.id] = info.title;
    return titles;
  }

  /** A version id from the URL; `orEmpty` allows 0, the empty document (compare's `from`). */
  const versionId = (value: unknown, orEmpty = false): number => {
    const id = Number(value);
    if (typeof value !== "string" || !Number.isSafeInteger(id) || id < (orEmpty ? 0 : 1)) throw notFound();
    return id;
  };

  router.get(`${base}/versions`, requireMember(ctx), async (request, response) => {
    const { room } = await authorize(request.params, response, "history.read");
    const before = request.query.before === undefined ? undefined : versionId(request.query.before);
    // A page size from 1 to PAGE_MAX.
    const limit = Math.min(PAGE_MAX, Math.max(1, Number(request.query.limit) || PAGE_DEFAULT));
    const [versions, total] = await Promise.all([
      history.listVersions(room, { beforeId: before, limit }),
      history.countVersions(room),
    ]);
    const directory = await directoryFor(
      request.params.exchangeId as string,
      versions.flatMap((v) => [...v.contributors, { participantId: v.createdBy, delegationId: null }]),
    );
    response.json({
      versions: versions.map(summary),
      nextBefore: versions.length === limit ? versions.at(-1)!.id : null,
      total,
      ...directory,
    } satisfies VersionPage);
  });

  router.post(`${base}/versions`, requireMember(ctx), async (request, response) => {
    const { room } = await authorize(request.params, response, "version.name");
    const { name } = parse(versionNameSchema, request.body);
    if (name === null) throw new ApiError(400, "validation_failed", { name: "required" });
    response.status(201).json(summary(await history.nameVersion(room, name, memberOf(response).id)));
  });

  router.patch(`${base}/versions/:versionId`, requireMember(ctx), async (request, response) => {
    const { room } = await authorize(request.params, response, "version.name");
    const { name } = parse(versionNameSchema, request.body);
    const id = versionId(request.params.versionId);
    if (!(await history.renameVersion(room, id, name))) throw notFound();
    response.json(summary(await history.getVersion(room, id)));
  });

  router.get(`${base}/versions/compare`, requireMember(ctx), async (request, response) => {
    const { room, document } = await authorize(request.params, response, "history.read");
    const agenda = document.kind === "agenda";
    const result = await found(() =>
      history.compare(room, versionId(request.query.from, true), versionId(request.query.to), { agenda }),
    );
    const authors = result.totals.flatMap((t) =>
      t.participantIds.map((participantId) => ({ participantId, delegationId: t.delegationId })),
    );
    const exchangeId = request.params.exchangeId as string;
    const rest = {
      from: summary(result.from),
      to: summary(result.to),
      totals: result.totals,
      ...(result.agenda
        ? { agenda: result.agenda, documents: await documentTitles(exchangeId, result.agenda) }
        : {}),
      ...(await directoryFor(exchangeId, [
        ...authors,
        ...result.to.contributors,
        ...(result.agenda ? agendaPeople(result.agenda) : []),
      ])),
    } satisfies Omit<CompareResult, "doc">;
    sendWithDoc(response, rest, result.docJson);
  });

  router.get(`${base}/versions/:versionId`, requireMember(ctx), async (request, response) => {
    const { room, document } = await authorize(request.params, response, "history.read");
    const { version, state } = await found(() =>
      history.versionState(room, versionId(request.params.versionId)),
    );
    response.json({
      version: summary(version),
      state: Buffer.from(state).toString("base64"),
      ...(document.kind === "agenda" ? { agenda: true } : {}),
      ...(await directoryFor(request.params.exchangeId as string, version.contributors)),
    } satisfies VersionState);
  });

  router.post(`${base}/versions/:versionId/restore`, requireMember(ctx), async (request, response) => {
    const { room } = await authorize(request.params, response, "version.restore");
    const member = memberOf(response);
    const delegations = await ctx.directory.listDelegations(member.exchangeId);
    const delegation = delegations.find((d) => d.id === member.delegationId) ?? null;
    const restored = await found(() =>
      history.restore(room, versionId(request.params.versionId), presenceUserOf(member, delegation)),
    );
    response.status(201).json(summary(restored));
  });

  router.get(`${base}/history/replay`, requireMember(ctx), async (request, response) => {
    const { room, document } = await authorize(request.params, response, "history.read");
    if (request.query.seq !== undefined) {
      const seq = Number(request.query.seq);
      if (!Number.isSafeInteger(seq) || seq < 0)
        throw new ApiError(400, "validation_failed", { seq: "invalid" });
      const { docJson, agenda } = await history.replayState(room, seq, {
        agenda: document.kind === "agenda",
      });
      sendWithDoc(
        response,
        { seq, ...(agenda ? { agenda } : {}) } satisfies Omit<ReplayState, "doc">,
        docJson,
      );
      return;
    }
    const frames = await history.replayPlan(room);
    response.json({
      frames,
      ...(await directoryFor(
        request.params.exchangeId as string,
        frames.flatMap((f) => f.authors),
      )),
    } satisfies ReplayPlan);
  });

  router.get(`${base}/history/authors`, requireMember(ctx), async (request, response) => {
    const { room } = await authorize(request.params, response, "history.read");
    const authors = await history.whoWrote(room);
    response.json({
      clients: Object.fromEntries([...authors].map(([client, author]) => [String(client), author])),
      ...(await directoryFor(request.params.exchangeId as string, authors.values())),
    } satisfies WhoWroteMap);
  });

  return router;
}

/** Sends `rest` with a `doc` field that is already JSON text (rendered on the history thread). */
function sendWithDoc(response: Response, rest: object, docJson: string): void {
  const head = JSON.stringify(rest);
  response
    .type("application/json")
    .send(`${head.slice(0, -1)}${head.length > 2 ? "," : ""}"doc":${docJson}}`);
}

async function found<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof VersionNotFound) throw notFound();
    throw error;
  }
}

/** Everyone an agenda's changes name: their authors and the participants leading changed sessions. */
function agendaPeople(changes: readonly AgendaHistoryChange[]): HistoryAuthor[] {
  const people: HistoryAuthor[] = [];
  for (const change of changes) {
    people.push(...change.by);
    for (const field of change.fields) {
      if (field.field !== "leads") continue;
      for (const value of [field.before, field.after])
        if (Array.isArray(value))
          for (const lead of value as Array<{ participantId?: unknown }>)
            if (typeof lead?.participantId === "string")
              people.push({ participantId: lead.participantId, delegationId: null });
    }
  }
  return people;
}

function summary(version: StoredVersion | null): VersionSummary {
  if (!version) throw notFound();
  return {
    id: version.id,
    createdAt: version.createdAt,
    kind: version.kind,
    name: version.name,
    event: version.event,
    createdBy: version.createdBy,
    contributors: version.contributors,
  };
}
