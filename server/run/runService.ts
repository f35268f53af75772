import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import type { DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { readDraftEntry } from "../../shared/run/draftEntry";
import {
  checkDots,
  type RevealedContribution,
  type RunAction,
  type RunSummary,
  type VoteRefusal,
} from "../../shared/run/runRecords";
import {
  applyRunCommand,
  type RunCommand,
  type RunRefusal,
  type RunState,
  readRunState,
  votingOpen,
} from "../../shared/run/runState";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { DraftLayout, RunLayout, VotesLayout } from "../../shared/schema/runLayout";
import type { Connection } from "../collab/Connection";
import type { Room } from "../collab/Room";
import type { Logger } from "../log";
import type { DirectoryStorage, StoredParticipant } from "../storage/DirectoryStorage";
import { placeContributions } from "./placeContributions";
import { createRunSerializer, localRunLock, type RunSerializer, serializeRunService } from "./runLock";
import { buildSummary } from "./runSummary";
import { changeRoom, NOBODY, type RunRooms, withRooms } from "./serverChange";

/** Marks a run's events in the document's history (server/history's recordRunEvent). */
export interface RunHistory {
  recordRunEvent(
    name: string,
    event: { type: "phase" | "reveal" | "close"; [detail: string]: unknown },
  ): Promise<unknown>;
}

export interface RunServiceOptions {
  rooms: RunRooms;
  directory: DirectoryStorage;
  history?: RunHistory;
  log: Logger;
  now: () => number;
  /** Serializes changing commands per document (server/run/runLock; default: in-process only). */
  serializer?: RunSerializer;
}

export type RunOutcome<T = RunState> =
  | { ok: true; value: T }
  | { ok: false; refusal: RunRefusal | VoteRefusal | "notTemplated" | "forbidden" };

/** The votes of a run: a room of the server's own, which no client can name (see shared/protocol/roomName). */
export const votesRoomName = (document: DocumentInfo) => `${roomOf(document)}/votes`;
const roomOf = (document: DocumentInfo) =>
  formatRoomName({ exchangeId: document.exchangeId, documentId: document.id });
const draftRoomOf = (document: DocumentInfo, participantId: string) =>
  formatRoomName({ exchangeId: document.exchangeId, documentId: document.id, draftOf: participantId });

export function runMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(RunLayout.map);
}
export const stateOf = (doc: Y.Doc): RunState | null => readRunState(runMap(doc).get(RunLayout.state));
const contributionsOf = (doc: Y.Doc): RevealedContribution[] =>
  (runMap(doc).get(RunLayout.contributions) as RevealedContribution[] | undefined) ?? [];
const actionsOf = (doc: Y.Doc): RunAction[] =>
  (runMap(doc).get(RunLayout.actions) as RunAction[] | undefined) ?? [];

/**
 * Facilitated runs (issue 31): every change to a run is made here, by the server, in the document's own
 * Y.Doc (the run map), through the rooms' store-before-relay path; facilitators and participants ask for
 * it through the HTTP API (server/http/api/runRoutes), which has checked their permissions.
 */
export function createRunService(options: RunServiceOptions) {
  const { directory, log, now } = options;
  const serializer =
    options.serializer ?? createRunSerializer({ lock: localRunLock(), rooms: options.rooms, log });
  const rooms = serializer.rooms;

  async function record(
    document: DocumentInfo,
    event: Parameters<RunHistory["recordRunEvent"]>[1],
  ): Promise<void> {
    try {
      await options.history?.recordRunEvent(roomOf(document), event);
    } catch (error) {
      log.warn("run.history_failed", { document: document.id, error: (error as Error).message });
    }
  }

  /** The votes placed so far: participantId -> dots per contribution. */
  const votesIn = (votes: Room): Map<string, Record<string, number>> =>
    new Map(
      Object.entries(votes.doc.getMap(VotesLayout.map).toJSON() as Record<string, Record<string, number>>),
    );

  function tallies(votes: Room): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const dots of votesIn(votes).values()) {
      for (const [id, n] of Object.entries(dots)) counts[id] = (counts[id] ?? 0) + n;
    }
    return counts;
  }

  /** Writes a new state (and other run keys) in one change, attributed to the facilitator. */
  function writeRun(
    room: Room,
    actor: Connection["identity"],
    state: RunState,
    extra: Record<string, unknown> = {},
  ): void {
    changeRoom(room, actor, actor.participantId, (doc) => {
      const map = runMap(doc);
      map.set(RunLayout.state, state);
      for (const [key, value] of Object.entries(extra)) {
        if (value === undefined) map.delete(key);
        else map.set(key, value);
      }
    });
  }

  const service = {
    /** The run of a document as stored (null: none started). */
    async state(document: DocumentInfo): Promise<RunState | null> {
      return withRooms(rooms, [roomOf(document)], NOBODY, ([room]) => stateOf(room!.doc));
    },

    /** A facilitator's command. Reveal and close have their own effects; every phase change is recorded. */
    async command(
      document: DocumentInfo,
      actor: Connection["identity"],
      command: RunCommand,
    ): Promise<RunOutcome> {
      if (command.type === "reveal") return this.reveal(document, actor);
      if (command.type === "close") return this.close(document, actor);
      const needsVotes = command.type === "closeVote" || command.type === "next" || command.type === "skip";
      const names = needsVotes ? [roomOf(document), votesRoomName(document)] : [roomOf(document)];
      const outcome = await withRooms(rooms, names, actor, ([room, votes]): RunOutcome => {
        const doc = room!.doc;
        if (!doc.share.has(DocumentLayout.template)) return { ok: false, refusal: "notTemplated" };
        const before = stateOf(doc);
        const next = applyRunCommand(before, command, now());
        if (typeof next === "string") return { ok: false, refusal: next };
        // Leaving an open vote (or closing it) publishes the tallies; reopening hides them again.
        const extra: Record<string, unknown> = {};
        if (
          votes &&
          votingOpen(before) &&
          (command.type === "closeVote" || before?.current !== next.current)
        ) {
          next.voteClosed = true;
          extra[RunLayout.tallies] = tallies(votes);
        }
        if (command.type === "openVote") extra[RunLayout.tallies] = undefined;
        writeRun(room!, actor, next, extra);
        return { ok: true, value: next };
      });
      // The exchange page reads actions and summaries from documents that have had a run only.
      if (outcome.ok && command.type === "start" && document.runStartedAt === undefined)
        await directory.markRunStarted(document.id, now());
      if (outcome.ok && ["start", "next", "back", "skip"].includes(command.type)) {
        const phase = outcome.value.phases[outcome.value.current]!;
        await record(document, {
          type: "phase",
          command: command.type,
          phase: phase.kind,
          index: outcome.value.current,
        });
      }
      return outcome;
    },

    /**
     * Reveal: every participant's draft copied under its section and `revealed` set, in ONE transaction on
     * the shared document (one journal record: a crash gives all or nothing). The drafts are read and the
     * flag checked in the same synchronous step as the change is applied, so a second reveal (another
     * facilitator at the same moment, a retry after a restart) finds it revealed and does nothing.
     */
    async reveal(document: DocumentInfo, actor: Connection["identity"]): Promise<RunOutcome> {
      const participants = (await directory.listParticipants(document.exchangeId)).filter(
        (p) => p.role !== "observer",
      );
      const delegations = new Map(
        (await directory.listDelegations(document.exchangeId)).map((d) => [d.id, d]),
      );
      const names = [roomOf(document), ...participants.map((p) => draftRoomOf(document, p.id))];
      // Only the call that revealed marks it in history (a second press finds it done).
      let revealedNow = false;
      const outcome = await withRooms(rooms, names, actor, ([room, ...drafts]): RunOutcome => {
        const state = stateOf(room!.doc);
        if (!state) return { ok: false, refusal: "notStarted" };
        if (state.status === "closed") return { ok: false, refusal: "closed" };
        if (state.revealed) return { ok: true, value: state };
        const anonymous = state.settings.anonymous;
        const contributions: RevealedContribution[] = [];
        drafts.forEach((draft, index) => {
          const participant = participants[index]!;
          const delegation = participant.delegationId ? delegations.get(participant.delegationId) : undefined;
          for (const item of draft!.doc.getArray<Y.Map<unknown>>(DraftLayout.contributions).toArray()) {
            const entry = item instanceof Y.Map ? readDraftEntry(item) : null;
            if (!entry) continue;
            contributions.push({
              id: randomUUID(),
              sectionId: entry.sectionId,
              ...(entry.pairIndex === null ? {} : { pairIndex: entry.pairIndex }),
              text: entry.text,
              author: anonymous
                ? null
                : {
                    participantId: participant.id,
                    name: participant.displayName,
                    delegationId: delegation?.id ?? null,
                    delegationName: delegation?.name ?? null,
                  },
            });
          }
        });
        // Anonymous or not, shuffled: the order of the drafts must not hint at who wrote what.
        shuffle(contributions);
        const revealed: RunState = { ...state, revealed: true };
        // Under a fresh client id bound to nobody: the stored change names no author (labels carry names
        // when the run is not anonymous).
        changeRoom(room!, NOBODY, null, (doc) => {
          // Each under its answer space (section and, per pair, its pair of delegations).
          const placed = placeContributions(doc, contributions);
          const map = runMap(doc);
          map.set(RunLayout.contributions, placed);
          map.set(RunLayout.state, revealed);
        });
        revealedNow = true;
        return { ok: true, value: revealed };
      });
      if (revealedNow) await record(document, { type: "reveal" });
      return outcome;
    },

    /** A participant's dots, replacing their earlier ones. The tallies are never answered here. */
    async vote(
      document: DocumentInfo,
      voter: StoredParticipant,
      dots: Record<string, number>,
    ): Promise<RunOutcome<Record<string, number>>> {
      const positive = Object.fromEntries(Object.entries(dots).filter(([, n]) => n > 0));
      return withRooms(rooms, [roomOf(document), votesRoomName(document)], NOBODY, ([room, votes]) => {
        const state = stateOf(room!.doc);
        if (!votingOpen(state)) return { ok: false, refusal: "votingClosed" };
        const ids = new Set(contributionsOf(room!.doc).map((c) => c.id));
        const refusal = checkDots(positive, state!.settings, ids);
        if (refusal) return { ok: false, refusal };
        changeRoom(votes!, NOBODY, null, (doc) => doc.getMap(VotesLayout.map).set(voter.id, positive));
        return { ok: true, value: positive };
      });
    },

    /** A participant's own dots (never anyone else's, never the tallies). */
    async myVotes(document: DocumentInfo, voter: StoredParticipant): Promise<Record<string, number>> {
      return withRooms(
        rooms,
        [votesRoomName(document)],
        NOBODY,
        ([votes]) => votesIn(votes!).get(voter.id) ?? {},
      );
    },

    async addAction(
      document: DocumentInfo,
      actor: Connection["identity"],
      action: RunAction,
    ): Promise<RunOutcome<RunAction>> {
      return withRooms(rooms, [roomOf(document)], actor, ([room]): RunOutcome<RunAction> => {
        if (!room!.doc.share.has(DocumentLayout.template)) return { ok: false, refusal: "notTemplated" };
        const state = stateOf(room!.doc);
        if (!state) return { ok: false, refusal: "notStarted" };
        if (
          action.contributionId &&
          !contributionsOf(room!.doc).some((c) => c.id === action.contributionId)
        ) {
          return { ok: false, refusal: "unknownContribution" };
        }
        changeRoom(room!, actor, actor.participantId, (doc) =>
          runMap(doc).set(RunLayout.actions, [...actionsOf(doc), action]),
        );
        return { ok: true, value: action };
      });
    },

    async updateAction(
      document: DocumentInfo,
      actor: Connection["identity"],
      actionId: string,
      patch: Partial<RunAction>,
    ): Promise<RunAction | null> {
      return withRooms(rooms, [roomOf(document)], actor, ([room]) => {
        const existing = actionsOf(room!.doc).find((a) => a.id === actionId);
        if (!existing) return null;
        const updated: RunAction = { ...existing, ...patch, id: existing.id };
        changeRoom(room!, actor, actor.participantId, (doc) =>
          runMap(doc).set(
            RunLayout.actions,
            actionsOf(doc).map((a) => (a.id === actionId ? updated : a)),
          ),
        );
        return updated;
      });
    },

    /** Actions and summary of a document's run (for the exchange page). */
    async records(document: DocumentInfo): Promise<{ actions: RunAction[]; summary: RunSummary | null }> {
      return withRooms(rooms, [roomOf(document)], NOBODY, ([room]) => ({
        actions: actionsOf(room!.doc),
        summary: (runMap(room!.doc).get(RunLayout.summary) as RunSummary | undefined) ?? null,
      }));
    },

    /** Closes the run: the summary (phases with actual times, counts per delegation, top items, actions). */
    async close(document: DocumentInfo, actor: Connection["identity"]): Promise<RunOutcome> {
      const participants = await directory.listParticipants(document.exchangeId);
      const delegations = await directory.listDelegations(document.exchangeId);
      const outcome = await withRooms(
        rooms,
        [roomOf(document), votesRoomName(document)],
        actor,
        ([room, votes]): RunOutcome => {
          const state = stateOf(room!.doc);
          const closed = applyRunCommand(state, { type: "close" }, now());
          if (typeof closed === "string") return { ok: false, refusal: closed };
          const counts =
            (runMap(room!.doc).get(RunLayout.tallies) as Record<string, number> | undefined) ??
            tallies(votes!);
          const summary = buildSummary({
            state: closed,
            contributions: contributionsOf(room!.doc),
            tallies: counts,
            votes: votesIn(votes!),
            actions: actionsOf(room!.doc),
            participants,
            delegations,
          });
          writeRun(
            room!,
            actor,
            { ...closed, voteClosed: true },
            { [RunLayout.summary]: summary, [RunLayout.tallies]: counts },
          );
          return { ok: true, value: closed };
        },
      );
      if (outcome.ok) await record(document, { type: "close" });
      return outcome;
    },
  };
  return serializeRunService(service, serializer);
}

export type RunService = ReturnType<typeof createRunService>;

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
