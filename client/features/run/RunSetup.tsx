import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DEFAULT_RUN_SETTINGS,
  RUN_LIMITS,
  type RunPhasePlan,
  type RunSettings,
} from "../../../shared/run/runState";
import type { RunPhase } from "../../../shared/templates/templateSchema";
import { Button } from "../../ui/Button";
import { ChoiceField } from "./ChoiceField";
import { PhaseMinutesInput, wholeWithin } from "./PhaseMinutesInput";

/**
 * Before a run: the facilitator adjusts the phases the template proposes (durations, remove, add one back)
 * and the settings (anonymity is fixed from the start), then starts it for everyone in the document.
 */
export function RunSetup({
  plan,
  busy,
  onStart,
}: {
  plan: readonly RunPhase[];
  busy: boolean;
  onStart: (phases: RunPhasePlan[], settings: RunSettings) => void;
}) {
  const { t } = useTranslation("run");
  const [phases, setPhases] = useState<RunPhasePlan[]>(() =>
    plan.length > 0
      ? plan.map((p) => ({ ...p }))
      : [
          { kind: "write", minutes: 8 },
          { kind: "reveal", minutes: 0 },
          { kind: "close", minutes: 0 },
        ],
  );
  const [settings, setSettings] = useState<RunSettings>(DEFAULT_RUN_SETTINGS);
  const removed = plan.filter((p) => !phases.some((q) => q.kind === p.kind));
  return (
    <section className="run-setup" aria-labelledby="run-setup-title">
      <h2 id="run-setup-title" className="run-setup__title">
        {t("setup.title")}
      </h2>
      <p className="run-setup__lead">{t("setup.lead")}</p>
      <ol className="run-setup__phases">
        {phases.map((phase, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a plan may hold the same kind twice; rows are edited in place
          <li key={`${phase.kind}-${index}`} className="run-setup__phase">
            <span className="run-setup__phase-name">{t(`phase.${phase.kind}.name`)}</span>
            <PhaseMinutesInput
              phaseName={t(`phase.${phase.kind}.name`)}
              value={phase.minutes}
              onMinutes={(minutes) =>
                setPhases((all) => all.map((p, i) => (i === index ? { ...p, minutes } : p)))
              }
            />
            <Button
              variant="ghost"
              disabled={phases.length <= 1}
              onClick={() => setPhases((all) => all.filter((_, i) => i !== index))}
            >
              {t("setup.remove", { name: t(`phase.${phase.kind}.name`) })}
            </Button>
          </li>
        ))}
      </ol>
      {removed.length > 0 ? (
        <div className="run-setup__add">
          {removed.map((phase) => (
            <Button
              key={phase.kind}
              variant="ghost"
              onClick={() => setPhases((all) => insertInPlanOrder(all, phase, plan))}
            >
              {`${t("setup.add")}: ${t(`phase.${phase.kind}.name`)}`}
            </Button>
          ))}
        </div>
      ) : null}
      <fieldset className="run-setup__settings">
        <label className="run-check">
          <input
            type="checkbox"
            checked={settings.anonymous}
            onChange={(event) => setSettings({ ...settings, anonymous: event.target.checked })}
          />
          {t("setup.anonymous")}
        </label>
        <label className="run-field">
          <span>{t("setup.dots")}</span>
          <input
            type="number"
            className="text-field__input run-setup__minutes"
            min={1}
            max={RUN_LIMITS.maxDots}
            value={settings.dotsPerPerson}
            onChange={(event) =>
              setSettings({
                ...settings,
                dotsPerPerson: wholeWithin(event.target.value, 1, RUN_LIMITS.maxDots),
              })
            }
          />
        </label>
        <label className="run-check">
          <input
            type="checkbox"
            checked={settings.severalDotsOnOne}
            onChange={(event) => setSettings({ ...settings, severalDotsOnOne: event.target.checked })}
          />
          {t("setup.severalDots")}
        </label>
        <ChoiceField
          label={t("setup.actionsBy")}
          value={settings.actionsBy}
          choices={[
            { value: "everyone", label: t("setup.actionsByEveryone") },
            { value: "facilitators", label: t("setup.actionsByFacilitators") },
          ]}
          onChoose={(actionsBy) =>
            setSettings({ ...settings, actionsBy: actionsBy as RunSettings["actionsBy"] })
          }
        />
      </fieldset>
      <Button
        variant="primary"
        disabled={busy || phases.length === 0}
        onClick={() => onStart(phases, settings)}
      >
        {busy ? t("setup.starting") : t("setup.start")}
      </Button>
    </section>
  );
}

/** Puts a removed phase back where the template had it. */
function insertInPlanOrder(
  current: RunPhasePlan[],
  phase: RunPhase,
  plan: readonly RunPhase[],
): RunPhasePlan[] {
  const order = (kind: string) => plan.findIndex((p) => p.kind === kind);
  const next = [...current, { ...phase }];
  return next.sort((a, b) => order(a.kind) - order(b.kind));
}
