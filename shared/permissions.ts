import type { DocumentKind, Role } from "./domain";

/** What can be done in an exchange, checked by the server and mirrored by the UI. */
export type ExchangeAction =
  | "exchange.read"
  | "exchange.edit"
  | "delegation.manage"
  | "invite.manage"
  | "participant.manage"
  /** See the built-in templates and the exchange's own. */
  | "template.read"
  /** Create, edit, import, delete the exchange's own templates. */
  | "template.manage";

export type DocumentAction =
  | "document.read"
  | "document.write"
  | "document.create"
  | "document.rename"
  | "document.archive"
  /** Browse, view, compare and replay versions; the "who wrote what" tint. */
  | "history.read"
  /** Make a named version, rename one. */
  | "version.name"
  /** Restore a version into the live document. */
  | "version.restore"
  /** Start and steer a facilitated run: phases, timer, reveal, votes, locks, close (issue 31). */
  | "run.facilitate"
  /** Take part in a run: private draft, dots, actions (when the run lets everyone make them). */
  | "run.participate";

const exchangeMatrix: Record<Role, readonly ExchangeAction[]> = {
  facilitator: [
    "exchange.read",
    "exchange.edit",
    "delegation.manage",
    "invite.manage",
    "participant.manage",
    "template.read",
    "template.manage",
  ],
  delegate: ["exchange.read", "template.read"],
  observer: ["exchange.read", "template.read"],
};

const editing: readonly DocumentAction[] = [
  "document.read",
  "document.write",
  "document.create",
  "document.rename",
  "document.archive",
  "history.read",
  "version.name",
  "version.restore",
];
const reading: readonly DocumentAction[] = ["document.read", "history.read"];

/** The same actions for every kind (kinds with their own rules, like facilitation rooms, come later). */
function everyKind(actions: readonly DocumentAction[]): Record<DocumentKind, readonly DocumentAction[]> {
  return { agenda: actions, "problem-statement": actions, reflection: actions, notes: actions };
}

/** Role x document kind x action. Observers follow a run live; they never write, vote or act. */
const documentMatrix: Record<Role, Record<DocumentKind, readonly DocumentAction[]>> = {
  facilitator: everyKind([...editing, "run.facilitate", "run.participate"]),
  delegate: everyKind([...editing, "run.participate"]),
  observer: everyKind(reading),
};

export function canInExchange(role: Role, action: ExchangeAction): boolean {
  return exchangeMatrix[role].includes(action);
}

export function canOnDocument(role: Role, kind: DocumentKind, action: DocumentAction): boolean {
  return documentMatrix[role][kind].includes(action);
}

/** Access to a document's live room: archived documents are read-only for everyone. */
export function roomAccess(role: Role, kind: DocumentKind, archived: boolean): "write" | "read" {
  return !archived && canOnDocument(role, kind, "document.write") ? "write" : "read";
}
