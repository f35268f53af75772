import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../../shared/api/history";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import type { ApiFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { Loading } from "../../layout/LoadStates";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { installStyles } from "../../ui/lazyStyles";
import { ChangesView } from "./ChangesView";
import historyCss from "./history.css?inline";
import { historyApi } from "./historyApi";
import { useHistoryStrings } from "./historyStrings";
import { ReplayView } from "./ReplayView";
import { TimelineList } from "./TimelineList";
import { useHistoryTimeline } from "./useHistoryTimeline";
import { VersionView } from "./VersionView";

// Its styles travel with this lazy chunk (client/ui/lazyStyles).
installStyles("history-styles", historyCss);

type Mode = "view" | "compare" | "replay";

/**
 * Version history of a document, over the page (its own lazily loaded chunk): the timeline, and the
 * selected version shown as it was, as changes, or the whole document replayed. Nothing here touches
 * the live document except a confirmed restore, which the server applies to the live room.
 */
/** Waits for history's strings (a small chunk of their own) before showing the panel. */
export default function HistoryPanelLoader(props: Parameters<typeof HistoryPanel>[0]) {
  const ready = useHistoryStrings();
  const { t } = useTranslation("document");
  if (!ready) return <Loading label={t("loading")} />;
  return <HistoryPanel {...props} />;
}

function HistoryPanel({
  room,
  canName,
  canRestore,
  onClose,
}: {
  room: RoomAddress;
  canName: boolean;
  canRestore: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const errorText = useErrorText();
  const titleId = useId();
  const api = useMemo(() => historyApi(room), [room]);
  const timeline = useHistoryTimeline(api);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>("view");
  const [confirming, setConfirming] = useState<VersionSummary | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  // A modal over the document: the page behind is inert (no focus, no clicks, hidden from assistive tech).
  useEffect(() => {
    const root = rootRef.current;
    const behind = [...(root?.parentElement?.children ?? [])].filter(
      (element): element is HTMLElement =>
        element !== root && element instanceof HTMLElement && !element.inert,
    );
    for (const element of behind) element.inert = true;
    return () => {
      for (const element of behind) element.inert = false;
    };
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !confirming) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose, confirming]);
  // The newest version is selected at first (and after a restore).
  const newest = timeline.versions[0]?.id ?? null;
  useEffect(() => {
    if (selectedId === null || !timeline.versions.some((v) => v.id === selectedId)) setSelectedId(newest);
  }, [newest, selectedId, timeline.versions]);
  const selected = timeline.versions.find((v) => v.id === selectedId) ?? null;

  const restore = async (version: VersionSummary, undoOf: number | null) => {
    setBusy(true);
    try {
      // Restoring the version that was newest before a restore undoes it.
      const before = timeline.versions[0]?.id ?? null;
      await api.restore(version.id);
      await timeline.reload();
      setSelectedId(null);
      setNotice(
        undoOf === null
          ? { text: t("restored", { time: formatDateTime(version.createdAt, locale) }), undo: before }
          : { text: t("undone"), undo: null },
      );
    } catch (error) {
      setNotice({ text: errorText.failure(error as ApiFailure), undo: null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="history" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={rootRef}>
      <header className="history__bar">
        <h2 id={titleId} className="history__title" ref={headingRef} tabIndex={-1}>
          {t("title")}
        </h2>
        {selected ? (
          <fieldset className="history-segmented history__modes">
            <legend className="visually-hidden">{t("mode.label")}</legend>
            {(["view", "compare", "replay"] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={mode === option}
                onClick={() => setMode(option)}
              >
                {t(`mode.${option}`)}
              </button>
            ))}
          </fieldset>
        ) : null}
        <Button variant="ghost" onClick={onClose} className="history__close">
          {t("close")}
        </Button>
      </header>
      {notice ? (
        <div className="history__notice" role="status">
          <span>{notice.text}</span>
          {notice.undo !== null ? (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                const target = timeline.versions.find((v) => v.id === notice.undo);
                if (target) void restore(target, target.id);
              }}
            >
              {t("undoRestore")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="history__body">
        <div className="history__main">
          {timeline.state === "loading" ? (
            <Loading label={t("loading")} />
          ) : timeline.state === "failed" ? (
            <div className="history__error" role="alert">
              <p>{timeline.failure?.code === "network" ? t("offline") : t("loadFailed")}</p>
              <Button onClick={() => void timeline.reload()}>{t("retry")}</Button>
            </div>
          ) : mode === "replay" ? (
            <ReplayView api={api} />
          ) : !selected ? (
            <p className="history-view__note">{t("empty")}</p>
          ) : mode === "compare" ? (
            <ChangesView api={api} version={selected} versions={timeline.versions} />
          ) : (
            <VersionView api={api} versionId={selected.id} />
          )}
        </div>
        <aside className="history__side">
          {timeline.state === "ready" ? (
            <TimelineList
              api={api}
              timeline={timeline}
              selectedId={selectedId}
              onSelect={(id) => {
                setSelectedId(id);
                if (mode === "replay") setMode("view");
              }}
              canName={canName}
              canRestore={canRestore}
              onRestore={setConfirming}
            />
          ) : null}
        </aside>
      </div>
      {confirming ? (
        <Dialog
          title={t("restoreTitle")}
          onClose={() => setConfirming(null)}
          actions={
            <>
              <Button variant="ghost" onClick={() => setConfirming(null)}>
                {t("cancel")}
              </Button>
              <Button
                variant="primary"
                disabled={busy}
                onClick={() => {
                  const version = confirming;
                  setConfirming(null);
                  void restore(version, null);
                }}
              >
                {t("restoreConfirm")}
              </Button>
            </>
          }
        >
          <p>{t("restoreBody", { time: formatDateTime(confirming.createdAt, locale) })}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
