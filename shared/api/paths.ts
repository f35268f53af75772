/** The HTTP API, in one place: method and path of every route (server routes and client calls use these). */
export const api = {
  config: () => "/api/config",
  me: () => "/api/me",
  exchanges: () => "/api/exchanges",
  exchange: (exchangeId: string) => `/api/exchanges/${exchangeId}`,
  delegations: (exchangeId: string) => `/api/exchanges/${exchangeId}/delegations`,
  delegation: (exchangeId: string, delegationId: string) =>
    `/api/exchanges/${exchangeId}/delegations/${delegationId}`,
  invites: (exchangeId: string) => `/api/exchanges/${exchangeId}/invites`,
  invite: (exchangeId: string, inviteId: string) => `/api/exchanges/${exchangeId}/invites/${inviteId}`,
  participants: (exchangeId: string) => `/api/exchanges/${exchangeId}/participants`,
  participant: (exchangeId: string, participantId: string) =>
    `/api/exchanges/${exchangeId}/participants/${participantId}`,
  self: (exchangeId: string) => `/api/exchanges/${exchangeId}/participants/me`,
  documents: (exchangeId: string) => `/api/exchanges/${exchangeId}/documents`,
  document: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}`,
  templates: (exchangeId: string) => `/api/exchanges/${exchangeId}/templates`,
  template: (exchangeId: string, templateId: string) =>
    `/api/exchanges/${exchangeId}/templates/${encodeURIComponent(templateId)}`,
  templateImport: (exchangeId: string) => `/api/exchanges/${exchangeId}/templates/import`,
  templateExport: (exchangeId: string, templateId: string) =>
    `/api/exchanges/${exchangeId}/templates/${encodeURIComponent(templateId)}/export`,
  /** The agenda as an .ics file: `?day=YYYY-MM-DD` (home zone) or `?session=<id>` for part of it. */
  agendaCalendar: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/agenda.ics`,
  /** Version history of a document (issue 32): GET lists (?before=&limit=), POST names a new version. */
  versions: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/versions`,
  /** GET: the version's state; PATCH: rename. */
  version: (exchangeId: string, documentId: string, versionId: number) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/versions/${versionId}`,
  versionRestore: (exchangeId: string, documentId: string, versionId: number) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/versions/${versionId}/restore`,
  /** `?from=<versionId>&to=<versionId>` */
  versionCompare: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/versions/compare`,
  /** GET: the replay's steps; `?seq=` one step's document. */
  historyReplay: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/history/replay`,
  /** Client id -> author, for the live "who wrote what" tint. */
  historyAuthors: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/history/authors`,
  /** A facilitated run (issue 31): POST a RunCommand (facilitators). */
  run: (exchangeId: string, documentId: string) => `/api/exchanges/${exchangeId}/documents/${documentId}/run`,
  /** GET: the server's clock ({ now }), for the shared countdown. */
  runClock: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/run/clock`,
  /** GET: my own dots; PUT: place them (replaces mine). Tallies are never answered here. */
  runVotes: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/run/votes`,
  /** POST: a new action. */
  runActions: (exchangeId: string, documentId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/run/actions`,
  /** PATCH: an action's status or details. */
  runAction: (exchangeId: string, documentId: string, actionId: string) =>
    `/api/exchanges/${exchangeId}/documents/${documentId}/run/actions/${actionId}`,
  /** GET: every run's actions and summaries in the exchange. */
  exchangeRuns: (exchangeId: string) => `/api/exchanges/${exchangeId}/runs`,
  invitePreview: (token: string) => `/api/invites/${encodeURIComponent(token)}`,
  join: (token: string) => `/api/invites/${encodeURIComponent(token)}/join`,
} as const;

/** The page an invite link opens. */
export const joinPagePath = (token: string) => `/join/${encodeURIComponent(token)}`;
