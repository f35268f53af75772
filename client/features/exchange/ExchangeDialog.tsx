import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../../shared/api/errors";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextAreaField } from "../../ui/TextAreaField";
import { TextField } from "../../ui/TextField";
import { TimeZoneSelect } from "../../ui/TimeZoneSelect";

type Field = "title" | "description" | "timeZone";

/** The exchange's own details (facilitators): title, description and home time zone. */
export function ExchangeDialog({
  exchange,
  onClose,
  onDone,
}: {
  exchange: ExchangeView["exchange"];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation(["exchange", "common"]);
  const errorText = useErrorText();
  const [values, setValues] = useState({
    title: exchange.title,
    description: exchange.description,
    timeZone: exchange.timeZone,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, FieldErrorCode>>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: Field, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async () => {
    setFailure(null);
    if (!values.title.trim()) {
      setErrors({ title: "required" });
      return;
    }
    setBusy(true);
    try {
      await apiRequest("PATCH", api.exchange(exchange.id), values);
      onDone();
    } catch (error) {
      const problem = asFailure(error);
      setBusy(false);
      if (problem.code === "validation_failed")
        setErrors(problem.fields as Partial<Record<Field, FieldErrorCode>>);
      else setFailure(problem);
    }
  };

  return (
    <Dialog
      title={t("exchange:details.title")}
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <Button onClick={onClose}>{t("common:cancel")}</Button>
          <Button variant="primary" type="submit" disabled={busy}>
            {t("exchange:details.save")}
          </Button>
        </>
      }
    >
      <TextField
        label={t("exchange:details.exchangeTitle")}
        value={values.title}
        maxLength={120}
        required
        autoFocus
        error={errorText.field(errors.title)}
        onChange={(event) => set("title", event.target.value)}
      />
      <TextAreaField
        label={t("exchange:details.description")}
        hint={t("exchange:details.descriptionHint")}
        value={values.description}
        maxLength={2000}
        rows={3}
        error={errorText.field(errors.description)}
        onChange={(event) => set("description", event.target.value)}
      />
      <TimeZoneSelect
        label={t("exchange:details.timeZone")}
        hint={t("exchange:details.timeZoneHint")}
        value={values.timeZone}
        locale={i18n.language}
        error={errorText.field(errors.timeZone)}
        onChange={(zone) => set("timeZone", zone)}
      />
      {failure ? (
        <p className="form-error" role="alert">
          {errorText.failure(failure)}
        </p>
      ) : null}
    </Dialog>
  );
}
