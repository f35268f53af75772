import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import type { PresenceUser } from "../../../shared/protocol/presenceUser";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import {
  type AnswerSpace,
  answerSpaces,
  readPairIndex,
  spaceIndexOf,
} from "../../../shared/run/answerSpaces";
import { DraftLayout } from "../../../shared/schema/runLayout";
import { Loading } from "../../layout/LoadStates";
import { useCollabDocument } from "../../sync/useCollabDocument";
import { Button } from "../../ui/Button";
import { type Pairs, type Sections, usePairLabel, useRunLanguage } from "./runText";

/**
 * The participant's private draft: a room of its own that the server opens to them alone (facilitators
 * included are refused), kept in IndexedDB like any document so it survives reloads and offline writing.
 * One entry per contribution, under the document's answer spaces (each section, and in a per-pair section
 * each pair of delegations, labelled as the document labels it); revealed by the server all at once.
 */
export function DraftEditor({
  room,
  me,
  sections,
  pairs,
}: {
  room: RoomAddress;
  me: PresenceUser;
  sections: Sections;
  pairs: Pairs;
}) {
  const { t } = useTranslation("run");
  const { pick } = useRunLanguage();
  const pairLabel = usePairLabel(pairs);
  const session = useCollabDocument({ ...room, draftOf: me.participantId }, me);
  const entries = useEntries(session?.doc ?? null);
  if (!session?.ready) return <Loading label={t("draft.loading")} />;
  if (session.status.kind === "error")
    return <p className="run-note run-note--error">{t("draft.refused")}</p>;
  const list = session.doc.getArray<Y.Map<unknown>>(DraftLayout.contributions);
  // The document's answer spaces: one per section, one per pair of delegations in a per-pair section.
  const spaces = answerSpaces(sections, pairs);
  // Each entry shows where the reveal will put it (an entry written before pairs: the section's first).
  const spaceOf = (entry: Y.Map<unknown>) =>
    spaceIndexOf(
      spaces,
      String(entry.get(DraftLayout.sectionId)),
      readPairIndex(entry.get(DraftLayout.pairIndex)),
    );
  const add = (space: AnswerSpace) => {
    const entry = new Y.Map<unknown>();
    entry.set(DraftLayout.id, crypto.randomUUID());
    entry.set(DraftLayout.sectionId, space.sectionId);
    if (space.pairIndex !== null) entry.set(DraftLayout.pairIndex, space.pairIndex);
    entry.set(DraftLayout.text, new Y.Text());
    list.push([entry]);
    // The new field takes focus: write at once.
    requestAnimationFrame(() => {
      const fields = document.querySelectorAll<HTMLTextAreaElement>(
        `[data-draft-space="${spaceKey(space)}"] textarea`,
      );
      fields[fields.length - 1]?.focus();
    });
  };
  const remove = (entry: Y.Map<unknown>) => {
    const index = list.toArray().indexOf(entry);
    if (index >= 0) list.delete(index, 1);
  };
  return (
    <section className="run-draft" aria-labelledby="run-draft-title">
      <h2 id="run-draft-title" className="run-section-title">
        {t("draft.title")}
      </h2>
      <p className="run-note">{t("draft.lead")}</p>
      {sections.map((section) => {
        const prompt = pick(section.prompt);
        const own = spaces.flatMap((space, index) => (space.sectionId === section.id ? [index] : []));
        return (
          <div key={section.id} className="run-draft__section" data-draft-section={section.id}>
            <h3 className="run-draft__prompt">{prompt}</h3>
            {own.map((index) => {
              const space = spaces[index]!;
              const pair = pairLabel(space.pairIndex);
              return (
                <DraftSpace
                  key={spaceKey(space)}
                  space={space}
                  pair={pair}
                  where={pair ? `${prompt} · ${pair.spoken}` : prompt}
                  entries={entries.filter((entry) => spaceOf(entry) === index)}
                  onAdd={() => add(space)}
                  onRemove={remove}
                />
              );
            })}
          </div>
        );
      })}
    </section>
  );
}

const spaceKey = (space: AnswerSpace) => `${space.sectionId}#${space.pairIndex ?? ""}`;

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

/** One answer space of the draft: under a section, or under one pair of delegations of a per-pair section. */
function DraftSpace({
  space,
  pair,
  where,
  entries,
  onAdd,
  onRemove,
}: {
  space: AnswerSpace;
  /** The pair it is about (per-pair sections), as the document labels it. */
  pair: { text: string; spoken: string } | null;
  /** What a screen reader hears a field is for: the prompt, and the pair. */
  where: string;
  entries: Y.Map<unknown>[];
  onAdd: () => void;
  onRemove: (entry: Y.Map<unknown>) => void;
}) {
  const { t } = useTranslation("run");
  const headingId = useId();
  return (
    <div
      className={pair ? "run-draft__space run-draft__space--pair" : "run-draft__space"}
      data-draft-space={spaceKey(space)}
      data-pair-index={space.pairIndex ?? undefined}
    >
      {pair ? (
        <h4 id={headingId} className="run-draft__pair" aria-label={pair.spoken}>
          {pair.text}
        </h4>
      ) : null}
      {entries.length === 0 ? <p className="run-note">{t("draft.empty")}</p> : null}
      <ol className="run-draft__entries">
        {entries.map((entry, index) => {
          const text = entry.get(DraftLayout.text);
          return text instanceof Y.Text ? (
            <li key={String(entry.get(DraftLayout.id))} className="run-draft__entry">
              <DraftText
                text={text}
                label={t("draft.contributionLabel", { number: index + 1, section: where })}
              />
              <Button variant="ghost" onClick={() => onRemove(entry)}>
                {t("draft.remove", { number: index + 1 })}
              </Button>
            </li>
          ) : null;
        })}
      </ol>
      {/* Several in one section: each button is described by its pair's heading. */}
      <Button onClick={onAdd} aria-describedby={pair ? headingId : undefined}>
        {t("draft.add")}
      </Button>
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
