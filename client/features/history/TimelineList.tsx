import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../../shared/api/history";
import type { ApiFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { initialsOf } from "../../identity/userColor";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/TextField";
import type { HistoryApi } from "./historyApi";
import { listNames, showAuthor } from "./people";
import type { Timeline } from "./useHistoryTimeline";
import { versionTitle } from "./versionTitle";

/** The versions, newest first, a page at a time; the selected one can be renamed and restored. */
export function TimelineList({
  api,
  timeline,
  selectedId,
  onSelect,
  canName,
  canRestore,
  onRestore,
}: {
  api: HistoryApi;
  timeline: Timeline;
  selectedId: number | null;
  onSelect: (id: number) => void;
  canName: boolean;
  canRestore: boolean;
  onRestore: (version: VersionSummary) => void;
}) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const times = new Map(timeline.versions.map((v) => [v.id, v.createdAt]));
  return (
    <section className="history-timeline" aria-labelledby="history-timeline-title">
      <h3 id="history-timeline-title" className="history-timeline__title">
        {t("timeline")}
      </h3>
      <p className="history-timeline__count">{t("count", { count: timeline.total })}</p>
      {canName ? <NameForm api={api} onDone={timeline.reload} /> : null}
      {timeline.versions.length === 0 ? <p className="history-timeline__empty">{t("empty")}</p> : null}
      <ol className="history-timeline__list">
        {timeline.versions.map((version) => {
          const selected = version.id === selectedId;
          const authors = version.contributors.map((c) => showAuthor(c, timeline.directory, t));
          return (
            <li
              key={version.id}
              className={selected ? "history-item history-item--selected" : "history-item"}
            >
              <button
                type="button"
                className="history-item__select"
                aria-current={selected ? "true" : undefined}
                onClick={() => onSelect(version.id)}
              >
                <time className="history-item__time" dateTime={new Date(version.createdAt).toISOString()}>
                  {formatDateTime(version.createdAt, locale)}
                </time>
                <span className={`history-item__title history-item__title--${version.kind}`}>
                  {version.kind === "run-event" ? (
                    <span className="history-item__mark" aria-hidden="true" />
                  ) : null}
                  {versionTitle(version, t, locale, (id) => times.get(id))}
                </span>
                <span className="history-item__authors">
                  {authors.length === 0 ? (
                    t("noContributors")
                  ) : (
                    <>
                      <span className="history-item__avatars" aria-hidden="true">
                        {authors.slice(0, 5).map((a) => (
                          <Avatar
                            key={`${a.name}-${a.delegation}`}
                            initials={a.anonymous ? "?" : initialsOf(a.name)}
                            color={a.color}
                            title={`${a.name} · ${a.delegation}`}
                          />
                        ))}
                      </span>
                      {t("contributors", {
                        names: listNames(
                          authors.map((a) => a.name),
                          locale,
                        ),
                      })}
                    </>
                  )}
                </span>
              </button>
              {selected && (canName || canRestore) ? (
                <VersionActions
                  api={api}
                  version={version}
                  canName={canName}
                  canRestore={canRestore}
                  onRenamed={timeline.reload}
                  onRestore={() => onRestore(version)}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
      {timeline.hasOlder ? (
        <Button variant="ghost" onClick={timeline.loadOlder} disabled={timeline.loadingOlder}>
          {timeline.loadingOlder ? t("loadingOlder") : t("loadOlder")}
        </Button>
      ) : null}
    </section>
  );
}

function NameForm({ api, onDone }: { api: HistoryApi; onDone: () => Promise<void> }) {
  const { t } = useTranslation("history");
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="primary" onClick={() => setOpen(true)}>
        {t("nameCurrent")}
      </Button>
    );
  }
  return (
    <NameField
      initial=""
      onSave={async (name) => {
        await api.name(name);
        setOpen(false);
        await onDone();
      }}
      onCancel={() => setOpen(false)}
    />
  );
}

function VersionActions({
  api,
  version,
  canName,
  canRestore,
  onRenamed,
  onRestore,
}: {
  api: HistoryApi;
  version: VersionSummary;
  canName: boolean;
  canRestore: boolean;
  onRenamed: () => Promise<void>;
  onRestore: () => void;
}) {
  const { t } = useTranslation("history");
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <NameField
        initial={version.name ?? ""}
        onSave={async (name) => {
          await api.rename(version.id, name);
          setRenaming(false);
          await onRenamed();
        }}
        onCancel={() => setRenaming(false)}
      />
    );
  }
  return (
    <div className="history-item__actions">
      {canName ? (
        <Button variant="ghost" onClick={() => setRenaming(true)}>
          {t("rename")}
        </Button>
      ) : null}
      {canRestore ? (
        <Button variant="secondary" onClick={onRestore}>
          {t("restore")}
        </Button>
      ) : null}
    </div>
  );
}

/** A version name: required, at most 120 characters; a failed save keeps what was typed. */
function NameField({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation("history");
  const errorText = useErrorText();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) {
      setError(errorText.field("required"));
      return;
    }
    setBusy(true);
    try {
      await onSave(value.trim());
    } catch (failure) {
      const apiFailure = failure as ApiFailure;
      setError(
        apiFailure.fields?.name ? errorText.field(apiFailure.fields.name) : errorText.failure(apiFailure),
      );
      setBusy(false);
    }
  };
  return (
    <form className="history-name" onSubmit={submit} noValidate>
      <TextField
        label={t("nameField")}
        placeholder={t("namePlaceholder")}
        value={value}
        maxLength={120}
        error={error ?? undefined}
        onChange={(event) => setValue(event.target.value)}
        autoFocus
      />
      <div className="history-name__actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t("working") : t("save")}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
