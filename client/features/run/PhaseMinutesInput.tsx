import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { RUN_LIMITS } from "../../../shared/run/runState";

/** A number field's text as a whole number within [min, max]; what cannot be read counts as `min`. */
export function wholeWithin(text: string, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(Number(text) || min)));
}

/** A phase's minutes, before the run (setup) or for a phase still to come (the facilitator's bar). */
export function PhaseMinutesInput({
  phaseName,
  onMinutes,
  onLeave = false,
  ...input
}: {
  phaseName: string;
  /** The minutes, whole and within the run's limit: as they are typed, or once the field is left. */
  onMinutes: (minutes: number) => void;
  onLeave?: boolean;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "value" | "defaultValue" | "disabled">) {
  const { t } = useTranslation("run");
  const read = (event: { target: HTMLInputElement }) =>
    onMinutes(wholeWithin(event.target.value, 0, RUN_LIMITS.maxMinutes));
  return (
    <input
      {...input}
      type="number"
      className="text-field__input run-setup__minutes"
      min={0}
      max={RUN_LIMITS.maxMinutes}
      aria-label={t("setup.phaseLabel", { name: phaseName })}
      onChange={onLeave ? undefined : read}
      onBlur={onLeave ? read : undefined}
    />
  );
}
