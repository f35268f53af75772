import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../../shared/api/errors";
import { api } from "../../../shared/api/paths";
import type { MembershipResponse, ServerInfo } from "../../../shared/api/responses";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { useResource } from "../../api/useResource";
import { useLanguage } from "../../i18n/useLanguage";
import { navigate } from "../../navigation/history";
import { exchangePath } from "../../navigation/paths";
import { browserTimeZone } from "../../time/timeZones";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { PlusIcon } from "../../ui/icons";
import { TextAreaField } from "../../ui/TextAreaField";
import { TextField } from "../../ui/TextField";
import { TimeZoneSelect } from "../../ui/TimeZoneSelect";

type Fields = "title" | "description" | "timeZone" | "facilitatorName" | "operatorToken";

/** Creates an exchange; its creator becomes its first facilitator and lands on its home. */
export function CreateExchangeForm() {
  const { t } = useTranslation("home");
  const { language } = useLanguage();
  const errorText = useErrorText();
  const [config] = useResource<ServerInfo>(api.config());
  const needsToken = config.state === "ready" && config.data.exchangeCreation === "token";
  const [values, setValues] = useState({
    title: "",
    description: "",
    timeZone: browserTimeZone(),
    facilitatorName: "",
    operatorToken: "",
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Fields, FieldErrorCode>>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: Fields) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Partial<Record<Fields, FieldErrorCode>> = {};
    if (!values.title.trim()) missing.title = "required";
    if (!values.facilitatorName.trim()) missing.facilitatorName = "required";
    if (needsToken && !values.operatorToken.trim()) missing.operatorToken = "required";
    setFieldErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      const created = await apiRequest<MembershipResponse>("POST", api.exchanges(), {
        title: values.title,
        description: values.description,
        timeZone: values.timeZone,
        facilitatorName: values.facilitatorName,
        uiLanguage: language,
        ...(needsToken ? { operatorToken: values.operatorToken } : {}),
      });
      navigate(exchangePath(created.exchange.id));
    } catch (error) {
      const problem = asFailure(error);
      setBusy(false);
      if (problem.code === "operator_token_required" || problem.code === "operator_token_invalid") {
        setFieldErrors({ operatorToken: "invalid" });
      } else if (problem.code === "validation_failed") {
        setFieldErrors(problem.fields as Partial<Record<Fields, FieldErrorCode>>);
      }
      setFailure(problem);
    }
  };

  return (
    <Card title={t("create.title")} titleId="create-exchange-title">
      <p className="card__empty">{t("create.lead")}</p>
      <form className="form-grid" onSubmit={submit} noValidate aria-labelledby="create-exchange-title">
        <TextField
          className="form-grid__wide"
          label={t("create.exchangeTitle")}
          value={values.title}
          maxLength={120}
          required
          error={errorText.field(fieldErrors.title)}
          onChange={(event) => set("title")(event.target.value)}
        />
        <TextAreaField
          className="form-grid__wide"
          label={t("create.description")}
          hint={t("create.descriptionHint")}
          value={values.description}
          maxLength={2000}
          rows={3}
          error={errorText.field(fieldErrors.description)}
          onChange={(event) => set("description")(event.target.value)}
        />
        <TimeZoneSelect
          label={t("create.timeZone")}
          hint={t("create.timeZoneHint")}
          error={errorText.field(fieldErrors.timeZone)}
          value={values.timeZone}
          onChange={set("timeZone")}
        />
        <TextField
          label={t("create.yourName")}
          hint={t("create.yourNameHint")}
          value={values.facilitatorName}
          maxLength={60}
          autoComplete="name"
          required
          error={errorText.field(fieldErrors.facilitatorName)}
          onChange={(event) => set("facilitatorName")(event.target.value)}
        />
        {needsToken ? (
          <TextField
            className="form-grid__wide"
            label={t("create.operatorToken")}
            hint={t("create.operatorTokenHint")}
            type="password"
            autoComplete="off"
            value={values.operatorToken}
            required
            error={
              fieldErrors.operatorToken
                ? failure && failure.code !== "validation_failed"
                  ? errorText.failure(failure)
                  : errorText.field(fieldErrors.operatorToken)
                : null
            }
            onChange={(event) => set("operatorToken")(event.target.value)}
          />
        ) : null}
        {failure && failure.code !== "validation_failed" && !fieldErrors.operatorToken ? (
          <p className="form-error form-grid__wide" role="alert">
            {errorText.failure(failure)}
          </p>
        ) : null}
        <div className="form-actions form-grid__wide">
          <Button variant="primary" type="submit" icon={<PlusIcon />} disabled={busy}>
            {busy ? t("create.creating") : t("create.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Moves focus to the first field marked invalid once React has rendered the errors. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
