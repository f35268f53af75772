import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../../shared/api/errors";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { LanguageField } from "../../i18n/LanguageField";
import { useLanguage } from "../../i18n/useLanguage";
import { navigate } from "../../navigation/history";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Dialog } from "../../ui/Dialog";
import { TextField } from "../../ui/TextField";

/** Your display name and UI language in this exchange, and leaving it. */
export function SettingsCard({ view, reload }: { view: ExchangeView; reload: () => Promise<void> }) {
  const { t } = useTranslation(["exchange", "common"]);
  const errorText = useErrorText();
  const { language, setLanguage } = useLanguage();
  const [name, setName] = useState(view.me.displayName);
  const [nameError, setNameError] = useState<FieldErrorCode | null>(null);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [leaving, setLeaving] = useState(false);

  const saveName = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    if (!name.trim()) {
      setNameError("required");
      return;
    }
    try {
      await apiRequest("PATCH", api.self(view.exchange.id), { displayName: name });
      setSaved(true);
      await reload();
    } catch (error) {
      const problem = asFailure(error);
      if (problem.code === "validation_failed" && problem.fields.displayName)
        setNameError(problem.fields.displayName);
      else setFailure(problem);
    }
  };

  const leave = async () => {
    setLeaving(false);
    setFailure(null);
    try {
      await apiRequest("DELETE", api.self(view.exchange.id));
      navigate("/");
    } catch (error) {
      setFailure(asFailure(error));
    }
  };

  return (
    <Card title={t("exchange:settings.title")} titleId="settings-title">
      <form className="settings__form" onSubmit={saveName} noValidate>
        <TextField
          label={t("exchange:settings.name")}
          hint={t("exchange:settings.nameHint")}
          value={name}
          maxLength={60}
          autoComplete="name"
          error={errorText.field(nameError ?? undefined)}
          onChange={(event) => {
            setName(event.target.value);
            setNameError(null);
            setSaved(false);
          }}
        />
        <div className="form-actions">
          <Button type="submit" disabled={name.trim() === view.me.displayName}>
            {t("exchange:settings.saveName")}
          </Button>
          {saved ? (
            <span className="settings__saved" role="status">
              {t("exchange:settings.saved")}
            </span>
          ) : null}
        </div>
      </form>
      <LanguageField
        label={t("exchange:settings.language")}
        hint={t("exchange:settings.languageHint")}
        value={language}
        onChange={setLanguage}
      />
      <FormError
        failure={failure}
        special={(f) => (f.code === "conflict" ? t("exchange:settings.lastFacilitator") : null)}
      />
      <div>
        <Button variant="danger" onClick={() => setLeaving(true)}>
          {t("exchange:settings.leave")}
        </Button>
      </div>
      {leaving ? (
        <Dialog
          title={t("exchange:settings.leaveTitle", { title: view.exchange.title })}
          onClose={() => setLeaving(false)}
          actions={
            <>
              <Button onClick={() => setLeaving(false)}>{t("common:cancel")}</Button>
              <Button variant="danger" onClick={() => void leave()}>
                {t("exchange:settings.leaveConfirm")}
              </Button>
            </>
          }
        >
          <p>{t("exchange:settings.leaveBody")}</p>
        </Dialog>
      ) : null}
    </Card>
  );
}
