/** The words of the product (see PRODUCT.md), as types both sides share. */
export const ROLES = ["facilitator", "delegate", "observer"] as const;
export type Role = (typeof ROLES)[number];

export const DOCUMENT_KINDS = ["agenda", "problem-statement", "reflection", "notes"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** UI languages. Working languages of delegations may be any language tag. */
export const UI_LANGUAGES = ["en", "pt-BR", "zh-CN"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * Delegation colours: each keeps at least 4.5:1 contrast with white text (caret labels, avatars)
 * and is told apart from the others by name as well as hue.
 */
export const DELEGATION_COLORS = {
  teal: "#0f766e",
  blue: "#1d4ed8",
  indigo: "#4338ca",
  purple: "#7e22ce",
  rose: "#be123c",
  orange: "#c2410c",
  amber: "#a16207",
  green: "#15803d",
  slate: "#475569",
  brown: "#92400e",
} as const;
export type DelegationColor = keyof typeof DELEGATION_COLORS;

export interface Exchange {
  id: string;
  title: string;
  description: string;
  timeZone: string;
  createdAt: number;
}

export interface Delegation {
  id: string;
  exchangeId: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  color: DelegationColor;
  timeZone: string;
  /** BCP 47 tag of the delegation's working language. */
  workingLanguage: string;
}

export interface Participant {
  id: string;
  exchangeId: string;
  delegationId: string | null;
  displayName: string;
  role: Role;
  uiLanguage: UiLanguage;
  joinedAt: number;
}

export interface DocumentInfo {
  id: string;
  exchangeId: string;
  kind: DocumentKind;
  title: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  /** The template the document was made from (built-in or custom id); absent for plain documents. */
  templateId?: string;
  /** When a facilitated run was first started on it; absent while none has been. */
  runStartedAt?: number;
}

export type InviteStatus = "active" | "expired" | "revoked" | "used-up";

export interface Invite {
  id: string;
  exchangeId: string;
  delegationId: string | null;
  role: Role;
  expiresAt: number;
  maxUses: number | null;
  uses: number;
  status: InviteStatus;
  /** The secret part of the link `/join/<token>`; only facilitators ever receive it. */
  token: string;
  createdAt: number;
}

/** Who is connected now, and to which document. */
export interface PresenceEntry {
  participantId: string;
  documentId: string;
}
