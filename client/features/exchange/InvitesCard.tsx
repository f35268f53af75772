import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../../shared/api/errors";
import { api, joinPagePath } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { type Invite, type InviteStatus, ROLES, type Role } from "../../../shared/domain";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { useResource } from "../../api/useResource";
import { useNow } from "../../i18n/useNow";
import { sortByText } from "../../membership/labels";
import { formatDateTime, formatRelativeTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Dialog } from "../../ui/Dialog";
import { CopyIcon } from "../../ui/icons";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";

const EXPIRY_HOURS = { day: 24, week: 24 * 7, month: 24 * 30 } as const;
type Expiry = keyof typeof EXPIRY_HOURS;
const STATUS_TONE: Record<InviteStatus, "success" | "neutral" | "warning" | "danger"> = {
  active: "success",
  expired: "neutral",
  revoked: "danger",
  "used-up": "warning",
};

/** Facilitators make invite links per delegation and role, copy them, see their status and revoke them. */
export function InvitesCard({ view }: { view: ExchangeView }) {
  const { t, i18n } = useTranslation(["invites", "common"]);
  const errorText = useErrorText();
  const [invites, reload] = useResource<Invite[]>(api.invites(view.exchange.id));
  const [delegationId, setDelegationId] = useState<string>(view.delegations[0]?.id ?? "");
  const [role, setRole] = useState<Role>("delegate");
  const [expiry, setExpiry] = useState<Expiry>("week");
  const [maxUses, setMaxUses] = useState("");
  const [maxUsesError, setMaxUsesError] = useState<FieldErrorCode | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const uses = maxUses.trim() === "" ? null : Number(maxUses);
    if (uses !== null && (!Number.isInteger(uses) || uses < 1 || uses > 1000)) {
      setMaxUsesError("out_of_range");
      return;
    }
    try {
      const invite = await apiRequest<Invite>("POST", api.invites(view.exchange.id), {
        delegationId: delegationId || null,
        role,
        expiresInHours: EXPIRY_HOURS[expiry],
        maxUses: uses,
      });
      setFresh(invite.id);
      await reload();
    } catch (error) {
      const problem = asFailure(error);
      if (problem.code === "validation_failed" && problem.fields.maxUses)
        setMaxUsesError(problem.fields.maxUses);
      else setFailure(problem);
    }
  };

  const revoke = async (invite: Invite) => {
    setRevoking(null);
    setFailure(null);
    try {
      await apiRequest("DELETE", api.invite(view.exchange.id, invite.id));
    } catch (error) {
      setFailure(asFailure(error));
    }
    await reload();
  };

  const delegationName = (id: string | null) =>
    view.delegations.find((d) => d.id === id)?.name ?? t("invites:noDelegation");

  return (
    <Card title={t("invites:title")} titleId="invites-title">
      <form className="invites__form" onSubmit={create} noValidate aria-label={t("invites:createLabel")}>
        <SelectField
          label={t("invites:delegation")}
          value={delegationId}
          onChange={(event) => setDelegationId(event.target.value)}
        >
          {sortByText(view.delegations, (d) => d.name, i18n.language).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
          <option value="">{t("invites:noDelegation")}</option>
        </SelectField>
        <SelectField
          label={t("invites:role")}
          hint={t(`common:roleHint.${role}`)}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`common:role.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("invites:expiry")}
          value={expiry}
          onChange={(event) => setExpiry(event.target.value as Expiry)}
        >
          {(Object.keys(EXPIRY_HOURS) as Expiry[]).map((value) => (
            <option key={value} value={value}>
              {t(`invites:expiryOption.${value}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("invites:maxUses")}
          hint={t("invites:maxUsesHint")}
          inputMode="numeric"
          value={maxUses}
          error={errorText.field(maxUsesError ?? undefined)}
          onChange={(event) => {
            setMaxUses(event.target.value);
            setMaxUsesError(null);
          }}
        />
        <div className="form-actions invites__submit">
          <Button variant="primary" type="submit">
            {t("invites:create")}
          </Button>
        </div>
      </form>
      <FormError failure={failure} />
      {invites.state === "loading" ? (
        <p className="card__empty">{t("invites:loading")}</p>
      ) : invites.state === "failed" ? (
        <p className="form-error">{errorText.failure(invites.failure)}</p>
      ) : invites.data.length === 0 ? (
        <p className="card__empty">{t("invites:empty")}</p>
      ) : (
        <ul className="invites__list" aria-label={t("invites:listLabel")}>
          {[...invites.data]
            .sort((a, b) => b.createdAt - a.createdAt)
            .map((invite) => (
              <InviteRow
                key={invite.id}
                invite={invite}
                delegationName={delegationName(invite.delegationId)}
                highlight={invite.id === fresh}
                onRevoke={() => setRevoking(invite)}
              />
            ))}
        </ul>
      )}
      {revoking ? (
        <Dialog
          title={t("invites:revokeTitle")}
          onClose={() => setRevoking(null)}
          actions={
            <>
              <Button onClick={() => setRevoking(null)}>{t("common:cancel")}</Button>
              <Button variant="danger" onClick={() => void revoke(revoking)}>
                {t("invites:revokeConfirm")}
              </Button>
            </>
          }
        >
          <p>{t("invites:revokeBody")}</p>
        </Dialog>
      ) : null}
    </Card>
  );
}

function InviteRow({
  invite,
  delegationName,
  highlight,
  onRevoke,
}: {
  invite: Invite;
  delegationName: string;
  highlight: boolean;
  onRevoke: () => void;
}) {
  const { t } = useTranslation(["invites", "common"]);
  const now = useNow();
  const dateLocale = useFormatLocale();
  const linkRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "manual">("idle");
  const link = new URL(joinPagePath(invite.token), window.location.origin).href;
  const active = invite.status === "active";
  const summary = t("invites:summary", { role: t(`common:role.${invite.role}`), delegation: delegationName });

  const copyLink = async () => {
    try {
      // A clipboard that waits on a permission prompt (or never answers) falls back to the text field.
      await Promise.race([
        navigator.clipboard.writeText(link),
        new Promise((_, reject) => setTimeout(() => reject(new Error("clipboard timeout")), 1500)),
      ]);
      setCopy("copied");
      setTimeout(() => setCopy((state) => (state === "copied" ? "idle" : state)), 4000);
    } catch {
      // No clipboard here (permission, insecure origin): the link is selected for a manual copy.
      setCopy("manual");
      linkRef.current?.focus();
      linkRef.current?.select();
    }
  };

  return (
    <li className={highlight ? "invites__item invites__item--fresh" : "invites__item"}>
      <div className="invites__summary">
        <span className="invites__who">{summary}</span>
        <Badge tone={STATUS_TONE[invite.status]}>{t(`invites:status.${invite.status}`)}</Badge>
      </div>
      <p className="invites__meta">
        {invite.maxUses === null
          ? t("invites:uses", { count: invite.uses })
          : // The noun agrees with the limit ("0 of 5 uses"), so the limit is the plural count.
            t("invites:usesOf", { count: invite.maxUses, used: invite.uses })}
        {invite.status === "revoked" ? null : (
          // A revoked link never opens again: its expiry no longer says anything.
          <>
            {" · "}
            <time
              dateTime={new Date(invite.expiresAt).toISOString()}
              title={formatDateTime(invite.expiresAt, dateLocale)}
            >
              {invite.expiresAt > now
                ? t("invites:expiresIn", { when: formatRelativeTime(invite.expiresAt, now, dateLocale) })
                : t("invites:expiredAt", { when: formatRelativeTime(invite.expiresAt, now, dateLocale) })}
            </time>
          </>
        )}
      </p>
      {active ? (
        <>
          {/* Shown, not only copied: it can be read out, or pasted where the clipboard cannot reach. */}
          <div className="invites__link">
            <label className="visually-hidden" htmlFor={`invite-link-${invite.id}`}>
              {t("invites:linkLabel", { summary })}
            </label>
            <input
              ref={linkRef}
              id={`invite-link-${invite.id}`}
              className="text-field__input invites__link-input"
              value={link}
              readOnly
              spellCheck={false}
              dir="ltr"
              onFocus={(event) => event.currentTarget.select()}
            />
            <Button icon={<CopyIcon />} onClick={() => void copyLink()}>
              {t("invites:copy")}
            </Button>
          </div>
          <div className="invites__actions">
            <Button variant="ghost" onClick={onRevoke}>
              {t("invites:revoke")}
            </Button>
            <span
              className={copy === "manual" ? "invites__copied invites__copied--manual" : "invites__copied"}
              role="status"
            >
              {copy === "copied" ? t("invites:copied") : copy === "manual" ? t("invites:manualCopy") : ""}
            </span>
          </div>
        </>
      ) : null}
    </li>
  );
}
