import { api } from "../../../shared/api/paths";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import type { RunAction } from "../../../shared/run/runRecords";
import type { RunCommand, RunState } from "../../../shared/run/runState";
import { apiRequest } from "../../api/request";

/** The run's API, for one document. */
export function runApi(room: RoomAddress) {
  const { exchangeId, documentId } = room;
  return {
    command: (command: RunCommand) =>
      apiRequest<{ state: RunState }>("POST", api.run(exchangeId, documentId), command),
    myVotes: () => apiRequest<{ dots: Record<string, number> }>("GET", api.runVotes(exchangeId, documentId)),
    vote: (dots: Record<string, number>) =>
      apiRequest<{ dots: Record<string, number> }>("PUT", api.runVotes(exchangeId, documentId), { dots }),
    createAction: (body: Pick<RunAction, "contributionId" | "what" | "owner" | "delegationId" | "due">) =>
      apiRequest<RunAction>("POST", api.runActions(exchangeId, documentId), body),
    updateAction: (actionId: string, patch: Partial<Pick<RunAction, "status">>) =>
      apiRequest<RunAction>("PATCH", api.runAction(exchangeId, documentId, actionId), patch),
  };
}
export type RunApi = ReturnType<typeof runApi>;
