import { useTranslation } from "react-i18next";
import {
  RUN_PHASE_KINDS,
  type RunPhaseKind,
  TEMPLATE_LIMITS,
} from "../../../shared/templates/templateSchema";
import { formatHoursAndMinutes } from "../../time/formatDuration";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { PlusIcon } from "../../ui/icons";
import { keepFocus, MoveButtons } from "./SectionList";
import { moved, newPhase, type PhaseDraft } from "./templateDraft";
import type { ErrorAt } from "./useTemplateErrors";

/** The suggested run: phases in order, each a step and its minutes, with their total. */
export function RunPlanEditor({
  phases,
  onChange,
  errorAt,
}: {
  phases: PhaseDraft[];
  onChange: (next: PhaseDraft[]) => void;
  errorAt: ErrorAt;
}) {
  const { t } = useTranslation("templateEditor");
  const locale = useFormatLocale();
  const update = (index: number, patch: Partial<PhaseDraft>) =>
    onChange(phases.map((phase, i) => (i === index ? { ...phase, ...patch } : phase)));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= phases.length) return;
    keepFocus();
    onChange(moved(phases, from, to));
  };
  const total = phases.reduce(
    (sum, phase) => sum + (/^\d+$/.test(phase.minutes.trim()) ? Number(phase.minutes) : 0),
    0,
  );
  return (
    <div className="template-editor__plan">
      {phases.length === 0 ? <p className="template-editor__muted">{t("editor.runPlanEmpty")}</p> : null}
      <ol className="template-editor__phase-list">
        {phases.map((phase, index) => {
          const number = index + 1;
          const minutesError = errorAt(`runPlan.${index}.minutes`);
          const kindError = errorAt(`runPlan.${index}.kind`);
          return (
            <li key={phase.key} className="template-editor__phase">
              <span className="template-editor__phase-number" aria-hidden="true">
                {t("editor.phase", { number })}
              </span>
              <select
                className="text-field__input text-field__select"
                aria-label={t("editor.phaseKind", { number })}
                aria-invalid={kindError ? true : undefined}
                value={phase.kind}
                onChange={(event) => update(index, { kind: event.target.value as RunPhaseKind })}
              >
                {RUN_PHASE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`phase.${kind}`)}
                  </option>
                ))}
              </select>
              <input
                className="text-field__input template-editor__minutes"
                type="number"
                inputMode="numeric"
                min={0}
                max={TEMPLATE_LIMITS.maxPhaseMinutes}
                step={1}
                aria-label={t("editor.phaseMinutes", { number })}
                aria-invalid={minutesError ? true : undefined}
                value={phase.minutes}
                onChange={(event) => update(index, { minutes: event.target.value })}
              />
              <MoveButtons
                index={index}
                count={phases.length}
                labels={{
                  up: t("editor.movePhaseUp", { number }),
                  down: t("editor.movePhaseDown", { number }),
                  remove: t("editor.removePhase", { number }),
                }}
                canRemove
                onMove={move}
                onRemove={() => onChange(phases.filter((_, i) => i !== index))}
              />
              {minutesError || kindError ? (
                <p className="text-field__error template-editor__phase-error">{minutesError ?? kindError}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {phases.length > 0 ? (
        <p className="template-editor__muted">
          {t("editor.runPlanTotal", { duration: formatHoursAndMinutes(total, locale) })}
        </p>
      ) : null}
      <Button
        icon={<PlusIcon />}
        disabled={phases.length >= TEMPLATE_LIMITS.runPhases}
        onClick={() => onChange([...phases, newPhase()])}
      >
        {t("editor.addPhase")}
      </Button>
    </div>
  );
}
