import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RunCommand, RunState } from "../../../shared/run/runState";
import { remainingMs } from "../../../shared/run/runState";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { PhaseMinutesInput } from "./PhaseMinutesInput";
import { formatClock, formatMinutes, formatSeconds, type Sections, useRunLanguage } from "./runText";

/**
 * The run's bar: the current phase, what to do now in the reader's language, and the countdown, computed
 * from the server's deadline and this device's measured offset so every device shows the same seconds.
 * Facilitators get the controls. Time up is said calmly; the facilitator decides when to move on.
 */
export function RunBar({
  state,
  offset,
  facilitator,
  sections,
  busy,
  onCommand,
}: {
  state: RunState;
  offset: number;
  facilitator: boolean;
  sections: Sections;
  busy: boolean;
  onCommand: (command: RunCommand) => void;
}) {
  const { t } = useTranslation("run");
  const phase = state.phases[state.current]!;
  const running = state.status === "running";
  return (
    <section className="run-bar" aria-labelledby="run-phase-name" data-phase={phase.kind}>
      <div className="run-bar__main">
        <p className="run-bar__step">
          {t("phaseOf", { current: state.current + 1, total: state.phases.length })}
        </p>
        <h2 id="run-phase-name" className="run-bar__phase">
          {running ? t(`phase.${phase.kind}.name`) : t("closedBar")}
        </h2>
        {running ? <p className="run-bar__todo">{t(`phase.${phase.kind}.todo`)}</p> : null}
      </div>
      {running ? <Countdown state={state} offset={offset} /> : null}
      {facilitator && running ? (
        <Controls state={state} sections={sections} busy={busy} onCommand={onCommand} />
      ) : null}
    </section>
  );
}

function Countdown({ state, offset }: { state: RunState; offset: number }) {
  const { t } = useTranslation("run");
  const locale = useFormatLocale();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = remainingMs(state, now + offset);
  if (left === null) return <p className="run-bar__clock run-bar__clock--none">{t("noTimer")}</p>;
  const paused = state.pausedRemainingMs !== null;
  const up = left <= 0;
  const seconds = Math.max(0, Math.ceil(left / 1000));
  return (
    <div className={`run-bar__clock${up ? " run-bar__clock--up" : ""}`}>
      <span className="run-bar__clock-label">{paused ? t("paused") : t("timeLeft")}</span>
      <span
        role="timer"
        className="run-bar__time"
        data-testid="run-time"
        data-remaining-ms={Math.max(0, Math.round(left))}
        aria-label={t("timeLeftLabel", {
          minutes: formatMinutes(Math.floor(seconds / 60), locale),
          seconds: formatSeconds(seconds % 60, locale),
        })}
      >
        {formatClock(left, locale)}
      </span>
      {/* Announced once when it happens, politely: no alarm. */}
      <span role="status" className="run-bar__up">
        {up ? t("timeUp") : ""}
      </span>
    </div>
  );
}

function Controls({
  state,
  sections,
  busy,
  onCommand,
}: {
  state: RunState;
  sections: Sections;
  busy: boolean;
  onCommand: (command: RunCommand) => void;
}) {
  const { t } = useTranslation("run");
  const { pick } = useRunLanguage();
  const phase = state.phases[state.current]!;
  const paused = state.pausedRemainingMs !== null;
  const last = state.current + 1 >= state.phases.length;
  const canReveal = !state.revealed && (phase.kind === "write" || phase.kind === "reveal");
  return (
    <fieldset className="run-bar__controls">
      <legend className="visually-hidden">{t("controls.label")}</legend>
      <Button
        variant="ghost"
        disabled={busy || state.current === 0}
        onClick={() => onCommand({ type: "back", at: state.current })}
      >
        {t("controls.back")}
      </Button>
      {state.deadline !== null || paused ? (
        <>
          <Button
            variant="ghost"
            disabled={busy}
            onClick={() => onCommand({ type: paused ? "resume" : "pause" })}
          >
            {paused ? t("controls.resume") : t("controls.pause")}
          </Button>
          <Button
            variant="ghost"
            disabled={busy}
            aria-label={t("controls.minusOneLabel")}
            onClick={() => onCommand({ type: "adjust", minutes: -1 })}
          >
            {t("controls.minusOne")}
          </Button>
        </>
      ) : null}
      <Button
        variant="ghost"
        disabled={busy}
        aria-label={t("controls.plusOneLabel")}
        onClick={() => onCommand({ type: "adjust", minutes: 1 })}
      >
        {t("controls.plusOne")}
      </Button>
      {canReveal ? (
        <Button variant="primary" disabled={busy} onClick={() => onCommand({ type: "reveal" })}>
          {busy ? t("controls.revealing") : t("controls.reveal")}
        </Button>
      ) : null}
      {phase.kind === "vote" ? (
        <Button
          disabled={busy}
          onClick={() => onCommand({ type: state.voteClosed ? "openVote" : "closeVote" })}
        >
          {state.voteClosed ? t("controls.openVote") : t("controls.closeVote")}
        </Button>
      ) : null}
      {!last ? (
        <>
          <Button disabled={busy} onClick={() => onCommand({ type: "skip", at: state.current })}>
            {t("controls.skip")}
          </Button>
          <Button
            variant={canReveal ? "secondary" : "primary"}
            disabled={busy}
            onClick={() => onCommand({ type: "next", at: state.current })}
          >
            {t("controls.next")}
          </Button>
        </>
      ) : null}
      {state.current + 1 < state.phases.length ? (
        <LaterPhases state={state} busy={busy} onCommand={onCommand} />
      ) : null}
      <details className="run-bar__locks">
        <summary>{t("controls.locks")}</summary>
        <label className="run-check">
          <input
            type="checkbox"
            checked={state.locks.document}
            disabled={busy}
            onChange={(event) => onCommand({ type: "lock", sectionId: null, locked: event.target.checked })}
          />
          {t("controls.lockDocument")}
        </label>
        {sections.map((section) => (
          <label key={section.id} className="run-check">
            <input
              type="checkbox"
              checked={state.locks.sections.includes(section.id)}
              disabled={busy}
              onChange={(event) =>
                onCommand({ type: "lock", sectionId: section.id, locked: event.target.checked })
              }
            />
            {t("controls.lockSection", { section: pick(section.prompt) })}
          </label>
        ))}
      </details>
      <Button
        variant={last ? "primary" : "danger"}
        disabled={busy}
        onClick={() => {
          if (window.confirm(t("controls.closeConfirm"))) onCommand({ type: "close" });
        }}
      >
        {t("controls.close")}
      </Button>
    </fieldset>
  );
}

/** The phases still to come: their minutes changed, or one taken out, while the run goes on. */
function LaterPhases({
  state,
  busy,
  onCommand,
}: {
  state: RunState;
  busy: boolean;
  onCommand: (command: RunCommand) => void;
}) {
  const { t } = useTranslation("run");
  const later = state.phases.slice(state.current + 1).map(({ kind, minutes }) => ({ kind, minutes }));
  const send = (phases: typeof later) => onCommand({ type: "plan", phases });
  return (
    <details className="run-bar__locks">
      <summary>{t("controls.later")}</summary>
      {later.map((phase, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same kind may come twice; rows are edited in place
        <div key={`${phase.kind}-${index}`} className="run-check">
          {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is PhaseMinutesInput's input */}
          <label className="run-field run-field--inline">
            <span>{t(`phase.${phase.kind}.name`)}</span>
            <PhaseMinutesInput
              phaseName={t(`phase.${phase.kind}.name`)}
              defaultValue={phase.minutes}
              disabled={busy}
              onLeave
              onMinutes={(minutes) => {
                if (minutes !== phase.minutes)
                  send(later.map((p, i) => (i === index ? { ...p, minutes } : p)));
              }}
            />
          </label>
          <Button variant="ghost" disabled={busy} onClick={() => send(later.filter((_, i) => i !== index))}>
            {t("setup.remove", { name: t(`phase.${phase.kind}.name`) })}
          </Button>
        </div>
      ))}
    </details>
  );
}
