import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../../shared/api/errors";
import { api } from "../../../shared/api/paths";
import type { InvitePreview, MembershipResponse, MeResponse } from "../../../shared/api/responses";
import { DELEGATION_COLORS } from "../../../shared/domain";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { useResource } from "../../api/useResource";
import { LanguageField } from "../../i18n/LanguageField";
import { useLanguage } from "../../i18n/useLanguage";
import { useNow } from "../../i18n/useNow";
import { AppBar, Page } from "../../layout/AppBar";
import { LoadFailure, Loading } from "../../layout/LoadStates";
import { countryName } from "../../membership/labels";
import { AppLink } from "../../navigation/AppLink";
import { navigate } from "../../navigation/history";
import { exchangePath } from "../../navigation/paths";
import { formatDateTime, formatRelativeTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Badge, Swatch } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { LinkOffIcon } from "../../ui/icons";
import { StateMessage } from "../../ui/StateMessage";
import { TextField } from "../../ui/TextField";
import "./join.css";

const INVITE_PROBLEMS = ["invite_not_found", "invite_expired", "invite_revoked", "invite_used_up"] as const;

/** An invite link: what it leads to, then a name and a language, then the exchange. */
export function JoinScreen({ token }: { token: string }) {
  const { t } = useTranslation(["join", "common"]);
  const [preview, reload] = useResource<InvitePreview>(api.invitePreview(token));
  const [me] = useResource<MeResponse>(api.me());
  useEffect(() => {
    document.title = t("join:pageTitle");
  }, [t]);

  const exchangeId = preview.state === "ready" ? preview.data.exchange.id : null;
  const alreadyMember =
    exchangeId !== null &&
    me.state === "ready" &&
    me.data.memberships.some((m) => m.exchange.id === exchangeId);
  useEffect(() => {
    if (alreadyMember && exchangeId) navigate(exchangePath(exchangeId), { replace: true });
  }, [alreadyMember, exchangeId]);

  return (
    <>
      <AppBar />
      <Page>
        {preview.state === "loading" ? (
          <Loading label={t("join:loading")} />
        ) : preview.state === "failed" ? (
          <InviteProblem failure={preview.failure} onRetry={reload} />
        ) : (
          <JoinForm token={token} preview={preview.data} />
        )}
      </Page>
    </>
  );
}

function InviteProblem({ failure, onRetry }: { failure: ApiFailure; onRetry: () => void }) {
  const { t } = useTranslation("join");
  const problem = (INVITE_PROBLEMS as readonly string[]).includes(failure.code) ? failure.code : null;
  if (!problem) return <LoadFailure failure={failure} onRetry={onRetry} />;
  return (
    <StateMessage
      icon={<LinkOffIcon />}
      title={t(`problem.${problem}.title`)}
      actions={
        <AppLink to="/" className="button button--primary">
          {t("problem.home")}
        </AppLink>
      }
    >
      <p>{t(`problem.${problem}.body`)}</p>
    </StateMessage>
  );
}

function JoinForm({ token, preview }: { token: string; preview: InvitePreview }) {
  const { t, i18n } = useTranslation(["join", "common"]);
  const { language, setLanguage } = useLanguage();
  const errorText = useErrorText();
  const now = useNow();
  const dateLocale = useFormatLocale();
  const [name, setName] = useState("");
  const nameRef = useRef<HTMLInputElement>(null);
  const [nameError, setNameError] = useState<FieldErrorCode | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const { exchange, delegation, role, expiresAt } = preview;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!name.trim()) {
      setNameError("required");
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const joined = await apiRequest<MembershipResponse>("POST", api.join(token), {
        displayName: name,
        uiLanguage: language,
      });
      navigate(exchangePath(joined.exchange.id));
    } catch (error) {
      const problem = asFailure(error);
      setBusy(false);
      if (problem.code === "validation_failed" && problem.fields.displayName) {
        setNameError(problem.fields.displayName);
      } else {
        setFailure(problem);
      }
    }
  };

  return (
    <>
      <section className="join__intro">
        <p className="join__eyebrow">{t("join:invited")}</p>
        <h1 className="page__title">{exchange.title}</h1>
        {exchange.description ? <p className="page__lead">{exchange.description}</p> : null}
      </section>
      <Card title={t("join:details")} titleId="join-details-title">
        <dl className="join__facts">
          <div>
            <dt>{t("join:delegation")}</dt>
            <dd>
              {delegation ? (
                <span className="join__delegation">
                  <Swatch color={DELEGATION_COLORS[delegation.color]} />
                  <span>{delegation.name}</span>
                  <span className="join__muted">· {countryName(delegation.country, i18n.language)}</span>
                </span>
              ) : (
                t("join:noDelegation")
              )}
            </dd>
          </div>
          <div>
            <dt>{t("join:role")}</dt>
            <dd>
              <Badge tone={role === "facilitator" ? "accent" : "neutral"}>{t(`common:role.${role}`)}</Badge>{" "}
              <span className="join__muted">{t(`common:roleHint.${role}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t("join:expires")}</dt>
            <dd>
              <time dateTime={new Date(expiresAt).toISOString()}>
                {formatDateTime(expiresAt, dateLocale)}
              </time>{" "}
              <span className="join__muted">({formatRelativeTime(expiresAt, now, dateLocale)})</span>
            </dd>
          </div>
        </dl>
      </Card>
      <Card title={t("join:formTitle")} titleId="join-form-title">
        <form className="form-grid" onSubmit={submit} noValidate aria-labelledby="join-form-title">
          <TextField
            label={t("join:name")}
            hint={t("join:nameHint")}
            value={name}
            maxLength={60}
            autoComplete="name"
            required
            ref={nameRef}
            error={errorText.field(nameError ?? undefined)}
            onChange={(event) => {
              setName(event.target.value);
              setNameError(null);
            }}
          />
          <LanguageField
            label={t("join:language")}
            hint={t("join:languageHint")}
            value={language}
            onChange={setLanguage}
          />
          {failure ? (
            <p className="form-error form-grid__wide" role="alert">
              {(INVITE_PROBLEMS as readonly string[]).includes(failure.code)
                ? t(`join:problem.${failure.code}.title`)
                : errorText.failure(failure)}
            </p>
          ) : null}
          <div className="form-actions form-grid__wide">
            <Button variant="primary" type="submit" disabled={busy}>
              {busy ? t("join:joining") : t("join:submit")}
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}
