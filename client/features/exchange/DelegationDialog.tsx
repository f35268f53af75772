import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import { DELEGATION_COLORS, type Delegation, type DelegationColor } from "../../../shared/domain";
import { FormError } from "../../api/FormError";
import { apiRequest } from "../../api/request";
import { useApiForm } from "../../api/useApiForm";
import { useErrorText } from "../../api/useErrorText";
import { countryName, languageName, sortByText } from "../../membership/labels";
import { COUNTRY_CODES, WORKING_LANGUAGES } from "../../membership/regions";
import { browserTimeZone } from "../../time/timeZones";
import { Swatch } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { TimeZoneSelect } from "../../ui/TimeZoneSelect";

// Keys of the empty first options (named here: the i18n checker reads one string literal per line).
const PROMPT_COUNTRY = "delegations:chooseCountry";
const PROMPT_LANGUAGE = "delegations:chooseLanguage";
const COLORS = Object.keys(DELEGATION_COLORS) as DelegationColor[];

/** Adds a delegation or edits one: name, country, colour (named), home time zone, working language. */
export function DelegationDialog({
  exchangeId,
  delegation,
  onClose,
  onDone,
}: {
  exchangeId: string;
  delegation: Delegation | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation(["delegations", "common"]);
  const locale = i18n.language;
  const errorText = useErrorText();
  const form = useApiForm({
    name: delegation?.name ?? "",
    country: delegation?.country ?? "",
    color: (delegation?.color ?? COLORS[0]!) as string,
    timeZone: delegation?.timeZone ?? browserTimeZone(),
    workingLanguage: delegation?.workingLanguage ?? "",
  });
  const { values, set, errors, failure, busy } = form;
  const countries = useMemo(
    () => sortByText(COUNTRY_CODES, (code) => countryName(code, locale), locale),
    [locale],
  );
  const languages = useMemo(() => {
    const tags = new Set(WORKING_LANGUAGES);
    if (delegation) tags.add(delegation.workingLanguage);
    return sortByText([...tags], (tag) => languageName(tag, locale), locale);
  }, [locale, delegation]);

  const submit = async () => {
    const saved = await form.submit(["name", "country", "workingLanguage"], (input) =>
      delegation
        ? apiRequest("PATCH", api.delegation(exchangeId, delegation.id), input)
        : apiRequest("POST", api.delegations(exchangeId), input),
    );
    if (saved) onDone();
  };

  return (
    <Dialog
      title={delegation ? t("delegations:editTitle") : t("delegations:addTitle")}
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <Button onClick={onClose}>{t("common:cancel")}</Button>
          <Button variant="primary" type="submit" disabled={busy}>
            {delegation ? t("delegations:save") : t("delegations:create")}
          </Button>
        </>
      }
    >
      <TextField
        label={t("delegations:name")}
        hint={t("delegations:nameHint")}
        value={values.name}
        maxLength={80}
        required
        autoFocus
        error={errorText.field(errors.name)}
        onChange={(event) => set("name", event.target.value)}
      />
      <SelectField
        label={t("delegations:country")}
        value={values.country}
        required
        error={errorText.field(errors.country)}
        onChange={(event) => set("country", event.target.value)}
      >
        <option value="">{t(PROMPT_COUNTRY)}</option>
        {countries.map((code) => (
          <option key={code} value={code}>
            {countryName(code, locale)}
          </option>
        ))}
      </SelectField>
      <fieldset className="color-picker">
        <legend className="text-field__label">{t("delegations:color")}</legend>
        <div className="color-picker__options">
          {COLORS.map((color) => (
            <label key={color} className="color-picker__option">
              <input
                type="radio"
                name="delegation-color"
                value={color}
                checked={values.color === color}
                onChange={() => set("color", color)}
              />
              <Swatch color={DELEGATION_COLORS[color]} />
              {t(`common:color.${color}`)}
            </label>
          ))}
        </div>
        {errors.color ? <p className="text-field__error">{errorText.field(errors.color)}</p> : null}
      </fieldset>
      <TimeZoneSelect
        label={t("delegations:timeZone")}
        value={values.timeZone}
        error={errorText.field(errors.timeZone)}
        onChange={(zone) => set("timeZone", zone)}
      />
      <SelectField
        label={t("delegations:workingLanguage")}
        value={values.workingLanguage}
        required
        error={errorText.field(errors.workingLanguage)}
        onChange={(event) => set("workingLanguage", event.target.value)}
      >
        <option value="">{t(PROMPT_LANGUAGE)}</option>
        {languages.map((tag) => (
          <option key={tag} value={tag}>
            {languageName(tag, locale)}
          </option>
        ))}
      </SelectField>
      <FormError failure={failure} />
    </Dialog>
  );
}
