import { lazy, Suspense, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  AgendaLimits,
  SESSION_TYPES,
  type SessionFields,
  type SessionType,
} from "../../../shared/schema/agendaLayout";
import type { FieldProblem } from "../../../shared/schema/agendaSession";
import { Loading } from "../../layout/LoadStates";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { TimeZoneSelect } from "../../ui/TimeZoneSelect";
import type { AgendaEnv } from "./agendaEnv";
import { languageName } from "./agendaFormat";
import { readForm, type SessionForm } from "./sessionForm";

const SessionNotesEditor = lazy(() => import("./SessionNotesEditor"));

/**
 * Adds or edits a session. Nothing is written until Save, and only when every field is valid; each
 * problem is said next to its field, in the reader's language. Notes (rich text) of a saved session
 * are edited live below.
 */
export function SessionEditor({
  initial,
  isNew,
  position,
  notes,
  env,
  onSave,
  onClose,
}: {
  initial: SessionForm;
  isNew: boolean;
  position: number;
  notes: Y.XmlFragment | null;
  env: AgendaEnv;
  /** The fields as saved, and as the editor opened with them (null when they could not be read). */
  onSave: (fields: SessionFields, opened: SessionFields | null) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("agenda");
  const [form, setForm] = useState(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const notesLabel = useId();
  const set = <K extends keyof SessionForm>(key: K, value: SessionForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const toggle = (key: "languages" | "interpretation" | "leadIds" | "documents", value: string) =>
    setForm((previous) => ({
      ...previous,
      [key]: previous[key].includes(value)
        ? previous[key].filter((v) => v !== value)
        : [...previous[key], value],
    }));
  const errorOf = (...fields: string[]) => {
    const problem = problems.find((p) => fields.includes(p.field));
    return problem ? t(`error.${problem.problem}`, { max: AgendaLimits.title }) : null;
  };

  const languages = useMemo(() => {
    const tags = new Set<string>(["en", "pt-BR", "zh-CN"]);
    for (const delegation of env.delegations)
      if (delegation.workingLanguage) tags.add(delegation.workingLanguage);
    for (const tag of initial.languages) tags.add(tag);
    return [...tags];
  }, [env.delegations, initial.languages]);
  const pairs = useMemo(() => {
    const chosen = form.languages.length >= 2 ? form.languages : languages;
    const result: string[] = [];
    for (let i = 0; i < chosen.length; i++)
      for (let j = i + 1; j < chosen.length; j++) result.push(`${chosen[i]}>${chosen[j]}`);
    for (const pair of form.interpretation) if (!result.includes(pair)) result.push(pair);
    return result;
  }, [form.languages, form.interpretation, languages]);

  const save = () => {
    const read = readForm(form, position);
    if (!read.ok) {
      setProblems(read.problems);
      // The first field in error takes focus, so the reader hears what to fix.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(".dialog [aria-invalid='true']")?.focus(),
      );
      return;
    }
    const opened = readForm(initial, position);
    onSave(read.fields, opened.ok ? opened.fields : null);
  };
  const otherProblem = problems.find(
    (p) => !["title", "start", "end", "zone", "link", "place", "track"].includes(p.field),
  );

  return (
    <Dialog
      title={isNew ? t("editor.addTitle") : t("editor.editTitle")}
      onClose={onClose}
      onSubmit={save}
      actions={
        <>
          <Button onClick={onClose}>{t("editor.cancel")}</Button>
          <Button type="submit" variant="primary">
            {t("editor.save")}
          </Button>
        </>
      }
    >
      <div className="agenda-editor">
        <TextField
          label={t("field.title")}
          value={form.title}
          onChange={(event) => set("title", event.target.value)}
          error={errorOf("title")}
          hint={t("editor.titleHint", { count: form.title.trim().length, max: AgendaLimits.title })}
          autoFocus
        />
        <div className="agenda-editor__row">
          <TextField
            label={t("field.startDate")}
            type="date"
            value={form.startDate}
            onChange={(event) => {
              const value = event.target.value;
              // The end moves with the start's day unless it was set to another day on purpose.
              setForm((previous) => ({
                ...previous,
                startDate: value,
                endDate: previous.endDate === previous.startDate ? value : previous.endDate,
              }));
            }}
            error={errorOf("start")}
          />
          <TextField
            label={t("field.startTime")}
            type="time"
            value={form.startTime}
            onChange={(event) => set("startTime", event.target.value)}
          />
          <TextField
            label={t("field.endTime")}
            type="time"
            value={form.endTime}
            onChange={(event) => set("endTime", event.target.value)}
            error={errorOf("end")}
          />
          <TextField
            label={t("field.endDate")}
            type="date"
            value={form.endDate}
            onChange={(event) => set("endDate", event.target.value)}
          />
        </div>
        <TimeZoneSelect
          label={t("field.zone")}
          hint={t("editor.zoneHint")}
          value={form.zone}
          onChange={(zone) => set("zone", zone)}
          error={errorOf("zone")}
        />
        <div className="agenda-editor__row">
          <SelectField
            label={t("field.type")}
            value={form.type}
            onChange={(event) => set("type", event.target.value as SessionType)}
          >
            {SESSION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type.${type}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("field.track")}
            hint={t("editor.trackHint")}
            value={form.track}
            onChange={(event) => set("track", event.target.value)}
            error={errorOf("track")}
          />
        </div>
        <div className="agenda-editor__row">
          <TextField
            label={t("field.place")}
            value={form.place}
            onChange={(event) => set("place", event.target.value)}
            error={errorOf("place")}
          />
          <TextField
            label={t("field.link")}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={form.link}
            onChange={(event) => set("link", event.target.value)}
            error={errorOf("link")}
          />
        </div>
        <fieldset className="agenda-editor__choices">
          <legend>{t("field.languages")}</legend>
          {languages.map((tag) => (
            <label key={tag}>
              <input
                type="checkbox"
                checked={form.languages.includes(tag)}
                onChange={() => toggle("languages", tag)}
              />
              {languageName(tag, env.locale)}
            </label>
          ))}
        </fieldset>
        <fieldset className="agenda-editor__choices">
          <legend>{t("field.interpretation")}</legend>
          {pairs.map((pair) => {
            const [from = "", to = ""] = pair.split(">");
            return (
              <label key={pair}>
                <input
                  type="checkbox"
                  checked={form.interpretation.includes(pair)}
                  onChange={() => toggle("interpretation", pair)}
                />
                {t("pair", { from: languageName(from, env.locale), to: languageName(to, env.locale) })}
              </label>
            );
          })}
        </fieldset>
        <fieldset className="agenda-editor__choices">
          <legend>{t("field.leads")}</legend>
          {[...env.participants.values()].map((participant) => (
            <label key={participant.id}>
              <input
                type="checkbox"
                checked={form.leadIds.includes(participant.id)}
                onChange={() => toggle("leadIds", participant.id)}
              />
              {participant.displayName}
            </label>
          ))}
          <TextField
            label={t("field.otherLeads")}
            hint={t("editor.otherLeadsHint")}
            value={form.otherLeads}
            onChange={(event) => set("otherLeads", event.target.value)}
          />
        </fieldset>
        {env.documents.length > 0 ? (
          <fieldset className="agenda-editor__choices">
            <legend>{t("field.documents")}</legend>
            {env.documents.map((document) => (
              <label key={document.id}>
                <input
                  type="checkbox"
                  checked={form.documents.includes(document.id)}
                  onChange={() => toggle("documents", document.id)}
                />
                {document.title}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="agenda-editor__notes">
          <p className="text-field__label" id={notesLabel}>
            {t("field.notes")}
          </p>
          {notes ? (
            <Suspense fallback={<Loading label={t("loadingNotes")} />}>
              <SessionNotesEditor fragment={notes} editable={env.editable} labelId={notesLabel} />
            </Suspense>
          ) : (
            <p className="text-field__hint">{t("editor.notesAfterSave")}</p>
          )}
        </div>
        {otherProblem ? (
          <p className="text-field__error" role="alert">
            {t(`error.${otherProblem.problem}`)}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
