import type {
  CompareResult,
  HistoryDirectory,
  ReplayPlan,
  ReplayState,
  VersionPage,
  VersionState,
  VersionSummary,
  WhoWroteMap,
} from "../../../shared/api/history";
import { api } from "../../../shared/api/paths";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { apiRequest } from "../../api/request";

/** The history API of one document. */
export function historyApi({ exchangeId, documentId }: RoomAddress) {
  const versions = api.versions(exchangeId, documentId);
  return {
    exchangeId,
    page: (before: number | null, limit = 50) =>
      apiRequest<VersionPage>("GET", `${versions}?limit=${limit}${before ? `&before=${before}` : ""}`),
    state: (id: number) => apiRequest<VersionState>("GET", api.version(exchangeId, documentId, id)),
    compare: (from: number, to: number) =>
      apiRequest<CompareResult>("GET", `${api.versionCompare(exchangeId, documentId)}?from=${from}&to=${to}`),
    name: (name: string) => apiRequest<VersionSummary>("POST", versions, { name }),
    rename: (id: number, name: string | null) =>
      apiRequest<VersionSummary>("PATCH", api.version(exchangeId, documentId, id), { name }),
    restore: (id: number) =>
      apiRequest<VersionSummary>("POST", api.versionRestore(exchangeId, documentId, id)),
    replayPlan: () => apiRequest<ReplayPlan>("GET", api.historyReplay(exchangeId, documentId)),
    replayState: (seq: number) =>
      apiRequest<ReplayState>("GET", `${api.historyReplay(exchangeId, documentId)}?seq=${seq}`),
    authors: () => apiRequest<WhoWroteMap>("GET", api.historyAuthors(exchangeId, documentId)),
  };
}
export type HistoryApi = ReturnType<typeof historyApi>;

/** Directories of several answers merged (pages of the timeline). */
export function mergeDirectories(a: HistoryDirectory, b: HistoryDirectory): HistoryDirectory {
  return { people: { ...a.people, ...b.people }, delegations: { ...a.delegations, ...b.delegations } };
}
