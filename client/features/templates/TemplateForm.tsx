import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import {
  checkTemplateBody,
  TEMPLATE_KINDS,
  TEMPLATE_LIMITS,
  type TemplateKind,
  type TemplateProblem,
} from "../../../shared/templates/templateSchema";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { navigate } from "../../navigation/history";
import { exchangePath } from "../../navigation/paths";
import { formatHoursAndMinutes } from "../../time/formatDuration";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Dialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { LocalizedFields } from "./LocalizedFields";
import { RunPlanEditor } from "./RunPlanEditor";
import { SectionList } from "./SectionList";
import { bodyOf, checkDraft, problemMap, type TemplateDraft } from "./templateDraft";
import { useLeaveGuard } from "./useLeaveGuard";
import { useTemplateErrors } from "./useTemplateErrors";

/** The editor's form: what the template is, its sections, its run plan; checked as the server checks. */
export function TemplateForm({
  exchangeId,
  templateId,
  initial,
  back,
}: {
  exchangeId: string;
  templateId: string | null;
  initial: TemplateDraft;
  back: ReactNode;
}) {
  const { t } = useTranslation(["templateEditor", "common"]);
  const locale = useFormatLocale();
  const [draft, setDraft] = useState(initial);
  const [start] = useState(() => JSON.stringify(initial));
  const dirty = JSON.stringify(draft) !== start;
  const guard = useLeaveGuard(dirty);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  // The server's own problems (a rule the client did not know) show until the next edit.
  const [serverProblems, setServerProblems] = useState<TemplateProblem[]>([]);
  const [announcement, setAnnouncement] = useState("");
  // Checked once a save was attempted: until then no problem shows, and typing costs no schema check.
  const problems = useMemo(() => {
    if (!attempted) return new Map<string, TemplateProblem["code"]>();
    const found = checkDraft(draft);
    for (const [path, code] of problemMap(serverProblems)) if (!found.has(path)) found.set(path, code);
    return found;
  }, [attempted, draft, serverProblems]);
  const errorAt = useTemplateErrors(problems, attempted);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);
  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const change = (patch: Partial<TemplateDraft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setServerProblems([]);
  };

  const save = async () => {
    setAttempted(true);
    setFailure(null);
    const checked = checkTemplateBody(bodyOf(draft));
    if (!checked.ok) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      if (templateId) await apiRequest("PUT", api.template(exchangeId, templateId), checked.template);
      else await apiRequest("POST", api.templates(exchangeId), checked.template);
      guard.release();
      navigate(exchangePath(exchangeId));
    } catch (error) {
      const problem = asFailure(error);
      setBusy(false);
      if (problem.code === "invalidTemplate" && problem.problems.length > 0) {
        setServerProblems(problem.problems);
        setFocusInvalid((n) => n + 1);
      } else {
        setFailure(problem);
      }
    }
  };

  const duration = Number(draft.duration);
  const durationError = errorAt("durationMinutes");
  const invalidCount = problems.size;
  return (
    <div className="template-editor">
      {back}
      <h1 className="page__title">{templateId ? t("editor.editHeading") : t("editor.newHeading")}</h1>
      <p className="page__lead">{t("editor.languagesHint")}</p>
      <form
        ref={formRef}
        noValidate
        className="template-editor__form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Card title={t("editor.basics")} titleId="template-basics">
          <SelectField
            label={t("editor.kind")}
            value={draft.kind}
            onChange={(event) => change({ kind: event.target.value as TemplateKind })}
          >
            {TEMPLATE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`common:kind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <LocalizedFields
            label={t("editor.name")}
            value={draft.name}
            maxLength={TEMPLATE_LIMITS.name}
            error={errorAt("name")}
            errorFor={(language) => errorAt(`name.${language}`)}
            onChange={(name) => change({ name })}
          />
          <LocalizedFields
            label={t("editor.purpose")}
            value={draft.purpose}
            multiline
            maxLength={TEMPLATE_LIMITS.purpose}
            error={errorAt("purpose")}
            errorFor={(language) => errorAt(`purpose.${language}`)}
            onChange={(purpose) => change({ purpose })}
          />
          <TextField
            className="template-editor__duration"
            label={t("editor.duration")}
            type="number"
            inputMode="numeric"
            min={TEMPLATE_LIMITS.minDuration}
            max={TEMPLATE_LIMITS.maxDuration}
            step={1}
            value={draft.duration}
            hint={
              Number.isInteger(duration) && duration > 0
                ? t("editor.durationHint", { duration: formatHoursAndMinutes(duration, locale) })
                : undefined
            }
            error={durationError}
            onChange={(event) => change({ duration: event.target.value })}
          />
        </Card>
        <Card title={t("editor.sections")} titleId="template-sections">
          <p className="template-editor__muted">{t("editor.sectionsHint")}</p>
          <SectionList
            sections={draft.sections}
            onChange={(sections) => change({ sections })}
            errorAt={errorAt}
            announce={setAnnouncement}
          />
        </Card>
        <Card title={t("editor.runPlan")} titleId="template-plan">
          <p className="template-editor__muted">{t("editor.runPlanHint")}</p>
          <RunPlanEditor
            phases={draft.runPlan}
            onChange={(runPlan) => change({ runPlan })}
            errorAt={errorAt}
          />
        </Card>
        <div className="template-editor__bar">
          {invalidCount > 0 ? (
            <p className="template-editor__invalid" role="alert">
              {t("editor.invalid", { count: invalidCount })}
            </p>
          ) : null}
          <FormError failure={failure} />
          <div className="template-editor__buttons">
            <Button onClick={() => guard.leaveTo(exchangePath(exchangeId))}>{t("editor.cancel")}</Button>
            <Button variant="primary" type="submit" disabled={busy}>
              {t("editor.save")}
            </Button>
          </div>
        </div>
      </form>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {guard.pending !== null ? (
        <Dialog
          title={t("editor.leaveTitle")}
          onClose={guard.cancel}
          actions={
            <>
              <Button onClick={guard.cancel}>{t("editor.stay")}</Button>
              <Button variant="danger" onClick={guard.confirm}>
                {t("editor.leave")}
              </Button>
            </>
          }
        >
          <p>{t("editor.leaveBody")}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
