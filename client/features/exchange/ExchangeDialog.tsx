import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { FormError } from "../../api/FormError";
import { apiRequest } from "../../api/request";
import { useApiForm } from "../../api/useApiForm";
import { useErrorText } from "../../api/useErrorText";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextAreaField } from "../../ui/TextAreaField";
import { TextField } from "../../ui/TextField";
import { TimeZoneSelect } from "../../ui/TimeZoneSelect";

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
  const { t } = useTranslation(["exchange", "common"]);
  const errorText = useErrorText();
  const form = useApiForm({
    title: exchange.title,
    description: exchange.description,
    timeZone: exchange.timeZone,
  });
  const { values, set, errors, failure, busy } = form;

  const submit = async () => {
    if (await form.submit(["title"], (patch) => apiRequest("PATCH", api.exchange(exchange.id), patch)))
      onDone();
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
        error={errorText.field(errors.timeZone)}
        onChange={(zone) => set("timeZone", zone)}
      />
      <FormError failure={failure} />
    </Dialog>
  );
}
