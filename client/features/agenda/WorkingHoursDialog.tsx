import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkingHours } from "../../../shared/schema/agendaLayout";
import { formatMinutes, parseMinutes } from "../../../shared/schema/agendaTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { zoneName } from "../../time/zoneNames";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextField } from "../../ui/TextField";
import type { AgendaDelegation } from "./agendaEnv";

/** Each delegation's working hours on its own clock (the out-of-hours warnings follow them). */
export function WorkingHoursDialog({
  delegations,
  editable,
  onSave,
  onClose,
}: {
  delegations: AgendaDelegation[];
  editable: boolean;
  onSave: (hours: Map<string, WorkingHours>) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("agenda");
  const locale = useFormatLocale();
  const [values, setValues] = useState(
    () =>
      new Map(
        delegations.map((d) => [
          d.id,
          { start: formatMinutes(d.hours.start), end: formatMinutes(d.hours.end) },
        ]),
      ),
  );
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const save = () => {
    const result = new Map<string, WorkingHours>();
    const bad = new Set<string>();
    for (const [id, value] of values) {
      const start = parseMinutes(value.start);
      const end = value.end === "24:00" ? 24 * 60 : parseMinutes(value.end);
      if (start === null || end === null || end <= start) bad.add(id);
      else result.set(id, { start, end });
    }
    setInvalid(bad);
    if (bad.size === 0) onSave(result);
  };
  return (
    <Dialog
      title={t("hours.title")}
      onClose={onClose}
      onSubmit={editable ? save : undefined}
      actions={
        editable ? (
          <>
            <Button onClick={onClose}>{t("editor.cancel")}</Button>
            <Button type="submit" variant="primary">
              {t("editor.save")}
            </Button>
          </>
        ) : (
          <Button onClick={onClose}>{t("hours.close")}</Button>
        )
      }
    >
      <p className="text-field__hint">{t("hours.hint")}</p>
      {delegations.length === 0 ? <p>{t("hours.none")}</p> : null}
      {delegations.map((delegation) => {
        const value = values.get(delegation.id) ?? { start: "08:00", end: "20:00" };
        const update = (key: "start" | "end", text: string) =>
          setValues((previous) => new Map(previous).set(delegation.id, { ...value, [key]: text }));
        return (
          <fieldset key={delegation.id} className="agenda-hours">
            <legend>
              {t("hours.legend", { name: delegation.name, zone: zoneName(delegation.timeZone, locale) })}
            </legend>
            <TextField
              label={t("hours.from")}
              type="time"
              value={value.start}
              disabled={!editable}
              onChange={(event) => update("start", event.target.value)}
              error={invalid.has(delegation.id) ? t("error.hoursOrder") : null}
            />
            <TextField
              label={t("hours.to")}
              type="time"
              value={value.end}
              disabled={!editable}
              onChange={(event) => update("end", event.target.value)}
            />
          </fieldset>
        );
      })}
    </Dialog>
  );
}
