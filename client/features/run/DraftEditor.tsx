import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import type { PresenceUser } from "../../../shared/protocol/presenceUser";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { DraftLayout } from "../../../shared/schema/runLayout";
import { Loading } from "../../layout/LoadStates";
import { useCollabDocument } from "../../sync/useCollabDocument";
import { Button } from "../../ui/Button";
import { type Sections, useRunLanguage } from "./runText";

/**
 * The participant's private draft: a room of its own that the server opens to them alone (facilitators
 * included are refused), kept in IndexedDB like any document so it survives reloads and offline writing.
 * One entry per contribution, under the template's sections; revealed by the server all at once.
 */
export function DraftEditor({
  room,
  me,
  sections,
}: {
  room: RoomAddress;
  me: PresenceUser;
  sections: Sections;
}) {
  const { t } = useTranslation("run");
  const session = useCollabDocument({ ...room, draftOf: me.participantId }, me);
  const entries = useEntries(session?.doc ?? null);
  if (!session?.ready) return <Loading label={t("draft.loading")} />;
  if (session.status.kind === "error")
    return <p className="run-note run-note--error">{t("draft.refused")}</p>;
  const list = session.doc.getArray<Y.Map<unknown>>(DraftLayout.contributions);
  const add = (sectionId: string) => {
    const entry = new Y.Map<unknown>();
    entry.set(DraftLayout.id, crypto.randomUUID());
    entry.set(DraftLayout.sectionId, sectionId);
    entry.set(DraftLayout.text, new Y.Text());
    list.push([entry]);
    // The new field takes focus: write at once.
    requestAnimationFrame(() => {
      const fields = document.querySelectorAll<HTMLTextAreaElement>(
        `[data-draft-section="${sectionId}"] textarea`,
      );
      fields[fields.length - 1]?.focus();
    });
  };
  return (
    <section className="run-draft" aria-labelledby="run-draft-title">
      <h2 id="run-draft-title" className="run-section-title">
        {t("draft.title")}
      </h2>
      <p className="run-note">{t("draft.lead")}</p>
      {sections.map((section) => (
        <DraftSection
          key={section.id}
          sectionId={section.id}
          prompt={section.prompt}
          entries={entries.filter((e) => e.get(DraftLayout.sectionId) === section.id)}
          onAdd={() => add(section.id)}
          onRemove={(entry) => {
            const index = list.toArray().indexOf(entry);
            if (index >= 0) list.delete(index, 1);
          }}
        />
      ))}
    </section>
  );
}

function useEntries(doc: Y.Doc | null): Y.Map<unknown>[] {
  const [entries, setEntries] = useState<Y.Map<unknown>[]>([]);
  useEffect(() => {
    if (!doc) return;
    const list = doc.getArray<Y.Map<unknown>>(DraftLayout.contributions);
    const update = () => setEntries(list.toArray());
    update();
    list.observe(update);
    return () => list.unobserve(update);
  }, [doc]);
  return entries;
}

function DraftSection({
  sectionId,
  prompt,
  entries,
  onAdd,
  onRemove,
}: {
  sectionId: string;
  prompt: Sections[number]["prompt"];
  entries: Y.Map<unknown>[];
  onAdd: () => void;
  onRemove: (entry: Y.Map<unknown>) => void;
}) {
  const { t } = useTranslation("run");
  const { pick } = useRunLanguage();
  const title = pick(prompt);
  return (
    <div className="run-draft__section" data-draft-section={sectionId}>
      <h3 className="run-draft__prompt">{title}</h3>
      {entries.length === 0 ? <p className="run-note">{t("draft.empty")}</p> : null}
      <ol className="run-draft__entries">
        {entries.map((entry, index) => {
          const text = entry.get(DraftLayout.text);
          return text instanceof Y.Text ? (
            <li key={String(entry.get(DraftLayout.id))} className="run-draft__entry">
              <DraftText
                text={text}
                label={t("draft.contributionLabel", { number: index + 1, section: title })}
              />
              <Button variant="ghost" onClick={() => onRemove(entry)}>
                {t("draft.remove", { number: index + 1 })}
              </Button>
            </li>
          ) : null;
        })}
      </ol>
      <Button onClick={onAdd}>{t("draft.add")}</Button>
    </div>
  );
}

/** A textarea bound to a Y.Text: each edit is written as the smallest insert/delete, so tabs merge. */
function DraftText({ text, label }: { text: Y.Text; label: string }) {
  const { t } = useTranslation("run");
  const [value, setValue] = useState(() => text.toString());
  useEffect(() => {
    const update = () => setValue(text.toString());
    update();
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  return (
    <textarea
      className="text-field__input run-draft__text"
      aria-label={label}
      placeholder={t("draft.placeholder")}
      rows={2}
      maxLength={5000}
      value={value}
      onChange={(event) => {
        const next = event.target.value;
        const previous = text.toString();
        let start = 0;
        while (start < previous.length && start < next.length && previous[start] === next[start]) start++;
        let end = 0;
        while (
          end < previous.length - start &&
          end < next.length - start &&
          previous[previous.length - 1 - end] === next[next.length - 1 - end]
        )
          end++;
        text.doc?.transact(() => {
          const removed = previous.length - start - end;
          if (removed > 0) text.delete(start, removed);
          const inserted = next.slice(start, next.length - end);
          if (inserted) text.insert(start, inserted);
        });
        setValue(next);
      }}
    />
  );
}
