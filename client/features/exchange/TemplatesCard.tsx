import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { ExchangeView, TemplateList } from "../../../shared/api/responses";
import { canInExchange } from "../../../shared/permissions";
import type { ReflectionTemplate, StoredTemplate } from "../../../shared/templates/templateSchema";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useResource } from "../../api/useResource";
import { Loading } from "../../layout/LoadStates";
import { AppLink } from "../../navigation/AppLink";
import { navigate } from "../../navigation/history";
import { templatePath } from "../../navigation/paths";
import { formatHoursAndMinutes } from "../../time/formatDuration";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { CardEmpty } from "../../ui/CardEmpty";
import { Dialog } from "../../ui/Dialog";
import { DocumentIcon, PlusIcon } from "../../ui/icons";
import { problemText, useTemplateText } from "./templateText";
import "./templates.css";

/**
 * The exchange's templates: its own (facilitators make, duplicate, edit, export, import and delete them)
 * and the built-in ones (duplicate and export). Everyone else sees the list and can export.
 */
export function TemplatesCard({ view }: { view: ExchangeView }) {
  const { t } = useTranslation(["templates", "errors"]);
  const exchangeId = view.exchange.id;
  const canManage = canInExchange(view.me.role, "template.manage");
  const [templates, reload] = useResource<TemplateList>(api.templates(exchangeId));
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<StoredTemplate | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const { pick } = useTemplateText();

  const importFile = async (file: File) => {
    setFailure(null);
    setImported(null);
    try {
      const text = await file.text();
      const saved = await apiRequest<StoredTemplate>("POST", api.templateImport(exchangeId), { file: text });
      setImported(pick(saved.name).text);
      await reload();
    } catch (error) {
      setFailure(asFailure(error));
    }
  };

  return (
    <Card
      title={t("templates:card.title")}
      titleId="templates-title"
      actions={
        canManage ? (
          <>
            <Button onClick={() => fileRef.current?.click()}>{t("templates:card.import")}</Button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              className="templates__import-input"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = "";
                if (file) void importFile(file);
              }}
            />
            <AppLink to={templatePath(exchangeId, null)} className="button button--primary">
              <PlusIcon />
              <span className="button__label">{t("templates:card.new")}</span>
            </AppLink>
          </>
        ) : null
      }
    >
      {imported ? (
        <p className="templates__notice" role="status">
          {t("templates:card.imported", { name: imported })}
        </p>
      ) : null}
      <ImportProblems failure={failure} />
      {templates.state === "loading" ? <Loading label={t("templates:card.loading")} /> : null}
      {templates.state === "failed" ? <FormError failure={templates.failure} /> : null}
      {templates.state === "ready" ? (
        <>
          <section className="templates__group" aria-labelledby="templates-own">
            <h3 id="templates-own" className="templates__group-title">
              {t("templates:card.own")}
            </h3>
            {templates.data.custom.length === 0 ? (
              <CardEmpty icon={<DocumentIcon />} title={t("templates:card.emptyTitle")}>
                {canManage ? t("templates:card.emptyBody") : t("templates:card.emptyBodyReader")}
              </CardEmpty>
            ) : (
              <TemplateRows
                templates={templates.data.custom}
                exchangeId={exchangeId}
                canManage={canManage}
                onDelete={setDeleting}
              />
            )}
          </section>
          <details className="templates__builtin">
            <summary>{t("templates:card.builtIn", { count: templates.data.builtIn.length })}</summary>
            <TemplateRows templates={templates.data.builtIn} exchangeId={exchangeId} canManage={canManage} />
          </details>
        </>
      ) : null}
      {deleting ? (
        <DeleteDialog
          exchangeId={exchangeId}
          template={deleting}
          onClose={() => setDeleting(null)}
          onDone={() => {
            setDeleting(null);
            void reload();
          }}
        />
      ) : null}
    </Card>
  );
}

function ImportProblems({ failure }: { failure: ApiFailure | null }) {
  const { t } = useTranslation(["templates", "errors"]);
  if (!failure) return null;
  if (failure.code !== "invalidTemplate" || failure.problems.length === 0)
    return <FormError failure={failure} />;
  return (
    <div className="form-error" role="alert">
      <p>{t("templates:card.importFailed")}</p>
      <ul className="templates__problems">
        {failure.problems.map((problem) => (
          <li key={`${problem.path}:${problem.code}`}>{problemText(problem, t)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A list of templates; `onDelete` where this person may delete them (the exchange's own). */
function TemplateRows<T extends ReflectionTemplate | StoredTemplate>({
  templates,
  onDelete,
  ...row
}: {
  templates: readonly T[];
  exchangeId: string;
  canManage: boolean;
  onDelete?: (template: T) => void;
}) {
  return (
    <ul className="templates__list">
      {templates.map((template) => (
        <TemplateRow
          key={template.id}
          {...row}
          template={template}
          onDelete={onDelete ? () => onDelete(template) : undefined}
        />
      ))}
    </ul>
  );
}

function TemplateRow({
  exchangeId,
  template,
  canManage,
  onDelete,
}: {
  exchangeId: string;
  template: ReflectionTemplate | StoredTemplate;
  canManage: boolean;
  onDelete?: () => void;
}) {
  const { t } = useTranslation(["templates", "common"]);
  const { pick } = useTemplateText();
  const locale = useFormatLocale();
  const name = pick(template.name);
  const stored = "updatedAt" in template ? template : null;
  return (
    <li className="templates__row">
      <div className="templates__text">
        <span className="templates__name" lang={name.fallback ? name.language : undefined}>
          {name.text}
        </span>
        <span className="templates__meta">
          {t("templates:card.meta", {
            kind: t(`common:kind.${template.kind}`),
            sections: t("templates:gallery.sectionCount", { count: template.sections.length }),
            duration: formatHoursAndMinutes(template.durationMinutes, locale),
          })}
          {stored ? (
            <>
              {" · "}
              {t("templates:card.updated", { when: formatDateTime(stored.updatedAt, locale) })}
            </>
          ) : null}
        </span>
      </div>
      <span className="templates__actions">
        {canManage && stored ? (
          <AppLink
            to={templatePath(exchangeId, template.id)}
            className="button button--ghost"
            aria-label={t("templates:card.editOne", { name: name.text })}
          >
            <span className="button__label">{t("templates:card.edit")}</span>
          </AppLink>
        ) : null}
        {canManage ? (
          <Button
            variant="ghost"
            onClick={() => navigate(templatePath(exchangeId, null, template.id))}
            aria-label={t("templates:card.duplicateOne", { name: name.text })}
          >
            {t("templates:card.duplicate")}
          </Button>
        ) : null}
        <a
          href={api.templateExport(exchangeId, template.id)}
          download
          className="button button--ghost"
          aria-label={t("templates:card.exportOne", { name: name.text })}
        >
          <span className="button__label">{t("templates:card.export")}</span>
        </a>
        {canManage && stored && onDelete ? (
          <Button
            variant="ghost"
            onClick={onDelete}
            aria-label={t("templates:card.deleteOne", { name: name.text })}
          >
            {t("templates:card.delete")}
          </Button>
        ) : null}
      </span>
    </li>
  );
}

function DeleteDialog({
  exchangeId,
  template,
  onClose,
  onDone,
}: {
  exchangeId: string;
  template: StoredTemplate;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation(["templates", "common"]);
  const { pick } = useTemplateText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await apiRequest("DELETE", api.template(exchangeId, template.id));
      onDone();
    } catch (error) {
      setFailure(asFailure(error));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t("templates:card.deleteTitle", { name: pick(template.name).text })}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>{t("common:cancel")}</Button>
          <Button variant="danger" disabled={busy} onClick={() => void remove()}>
            {t("templates:card.deleteConfirm")}
          </Button>
        </>
      }
    >
      <p>{t("templates:card.deleteBody")}</p>
      <FormError failure={failure} />
    </Dialog>
  );
}
