import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaHistorySession, HistoryNode, ReplayPlan } from "../../../shared/api/history";
import type { ApiFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { initialsOf } from "../../identity/userColor";
import { Loading } from "../../layout/LoadStates";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { AgendaVersion } from "./AgendaVersion";
import type { HistoryApi } from "./historyApi";
import { JsonDocument } from "./JsonDocument";
import { listNames, showAuthor } from "./people";

/** Time between two steps while playing. */
const STEP_MS = 700;
const NO_CHANGE_MARKS = () => ({ color: "", label: "" });

/** Replays the document from empty to now, step by step, showing who was writing at each step. */
export function ReplayView({ api }: { api: HistoryApi }) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const errorText = useErrorText();
  const sliderId = useId();
  const [plan, setPlan] = useState<ReplayPlan | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [shown, setShown] = useState<{
    step: number;
    doc: HistoryNode;
    agenda?: AgendaHistorySession[];
  } | null>(null);
  const cache = useRef(new Map<number, { doc: HistoryNode; agenda?: AgendaHistorySession[] }>());

  useEffect(() => {
    let current = true;
    api.replayPlan().then(
      (answer) => {
        if (!current) return;
        setPlan(answer);
        setStep(answer.frames.length - 1);
      },
      (error: ApiFailure) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [api]);

  // The document at the current step (each step fetched once).
  useEffect(() => {
    if (!plan) return;
    const frame = plan.frames[step];
    if (!frame) return;
    const known = cache.current.get(frame.seq);
    if (known) {
      setShown({ step, ...known });
      return;
    }
    let current = true;
    api.replayState(frame.seq).then(
      (answer) => {
        const state = { doc: answer.doc, agenda: answer.agenda };
        cache.current.set(frame.seq, state);
        if (current) setShown({ step, ...state });
      },
      (error: ApiFailure) => {
        if (!current) return;
        setFailure(error);
        setPlaying(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, plan, step]);

  // Playing moves one step once the current one shows; it stops at now.
  useEffect(() => {
    if (!playing || !plan || shown?.step !== step) return;
    if (step >= plan.frames.length - 1) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setStep((s) => s + 1), STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, plan, shown, step]);

  const frame = plan?.frames[step];
  const writers = useMemo(
    () => (plan && frame ? frame.authors.map((author) => showAuthor(author, plan, t)) : []),
    [plan, frame, t],
  );
  if (failure)
    return (
      <p className="history__error" role="alert">
        {errorText.failure(failure)}
      </p>
    );
  if (!plan || !frame) return <Loading label={t("loading")} />;
  const last = plan.frames.length - 1;
  return (
    <div className="history-replay">
      <div className="history-replay__controls">
        <Button
          onClick={() => {
            if (!playing && step >= last) setStep(0);
            setPlaying(!playing);
          }}
          aria-pressed={playing}
        >
          {playing ? t("replay.pause") : t("replay.play")}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setPlaying(false);
            setStep(0);
          }}
          disabled={step === 0}
        >
          {t("replay.start")}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setPlaying(false);
            setStep(last);
          }}
          disabled={step === last}
        >
          {t("replay.end")}
        </Button>
        <label htmlFor={sliderId} className="visually-hidden">
          {t("replay.slider")}
        </label>
        <input
          id={sliderId}
          className="history-replay__slider"
          type="range"
          min={0}
          max={last}
          value={step}
          aria-valuetext={`${t("replay.step", { step: step + 1, total: last + 1 })}, ${formatDateTime(frame.at, locale)}`}
          onChange={(event) => {
            setPlaying(false);
            setStep(Number(event.target.value));
          }}
        />
      </div>
      <p className="history-replay__status" aria-live="polite">
        <span>{t("replay.step", { step: step + 1, total: last + 1 })}</span>
        <span>{formatDateTime(frame.at, locale)}</span>
        <span className="history-replay__writers">
          {writers.length === 0 ? (
            t("replay.nobody")
          ) : (
            <>
              {writers.map((writer) => (
                <Avatar
                  key={`${writer.name}-${writer.delegation}`}
                  initials={writer.anonymous ? "?" : initialsOf(writer.name)}
                  color={writer.color}
                  title={`${writer.name} · ${writer.delegation}`}
                />
              ))}
              {t("replay.writing", {
                names: listNames(
                  writers.map((w) => w.name),
                  locale,
                ),
              })}
            </>
          )}
        </span>
      </p>
      {shown?.agenda ? <AgendaVersion sessions={shown.agenda} /> : null}
      {shown ? (
        shown.doc.content?.length ? (
          <JsonDocument doc={shown.doc} describe={NO_CHANGE_MARKS} label={t("mode.replay")} />
        ) : shown.agenda ? null : (
          <p className="history-view__note">{t("replay.empty")}</p>
        )
      ) : (
        <Loading label={t("loading")} />
      )}
    </div>
  );
}
