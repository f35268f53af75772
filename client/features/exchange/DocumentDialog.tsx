import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { TemplateList } from "../../../shared/api/responses";
import { DOCUMENT_KINDS, type DocumentInfo, type DocumentKind, type Role } from "../../../shared/domain";
import { canOnDocument } from "../../../shared/permissions";
import type { ReflectionTemplate, TemplateKind } from "../../../shared/templates/templateSchema";
import { FormError } from "../../api/FormError";
import { apiRequest } from "../../api/request";
import { useApiForm } from "../../api/useApiForm";
import { useErrorText } from "../../api/useErrorText";
import { useResource } from "../../api/useResource";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { BLANK, TemplateGallery } from "./TemplateGallery";
import { useTemplateText } from "./templateText";

const TEMPLATED_KINDS: readonly DocumentKind[] = ["reflection", "problem-statement"];
const isTemplated = (kind: string): kind is TemplateKind => TEMPLATED_KINDS.includes(kind as DocumentKind);

/**
 * Creates a document (kind, then for reflections and problem statements a template or a blank page, then
 * its title) or renames one (title only).
 */
export function DocumentDialog({
  exchangeId,
  role,
  document,
  onClose,
  onDone,
}: {
  exchangeId: string;
  role: Role;
  document: DocumentInfo | null;
  onClose: () => void;
  onDone: (document: DocumentInfo) => void;
}) {
  const { t } = useTranslation(["exchange", "common"]);
  const errorText = useErrorText();
  const { pick } = useTemplateText();
  const kinds = DOCUMENT_KINDS.filter((kind) => canOnDocument(role, kind, "document.create"));
  const form = useApiForm({ kind: kinds[0] ?? "notes", title: document?.title ?? "", templateId: BLANK });
  const { values, set, errors, failure, busy } = form;
  // Only asked for when creating; the list is small and the dialog shows it at once.
  const [templates, reloadTemplates] = useResource<TemplateList>(document ? null : api.templates(exchangeId));
  // The title follows the chosen template's name until the reader writes one of their own.
  const [titleTouched, setTitleTouched] = useState(Boolean(document));
  const choose = (templateId: string, template: ReflectionTemplate | null) => {
    set("templateId", templateId);
    if (!titleTouched) set("title", template ? pick(template.name).text : "");
  };
  const chooseKind = (kind: string) => {
    set("kind", kind);
    // A template made for another kind no longer applies.
    if (values.templateId !== BLANK) choose(BLANK, null);
  };

  const submit = async () => {
    const saved = await form.submit(["title"], ({ kind, title, templateId }) =>
      document
        ? apiRequest<DocumentInfo>("PATCH", api.document(exchangeId, document.id), { title })
        : apiRequest<DocumentInfo>("POST", api.documents(exchangeId), {
            kind,
            title,
            ...(isTemplated(kind) && templateId !== BLANK ? { templateId } : {}),
          }),
    );
    if (saved) onDone(saved.response);
  };

  return (
    <Dialog
      title={document ? t("exchange:documents.renameTitle") : t("exchange:documents.newTitle")}
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <Button onClick={onClose}>{t("common:cancel")}</Button>
          <Button variant="primary" type="submit" disabled={busy}>
            {document ? t("exchange:documents.saveName") : t("exchange:documents.create")}
          </Button>
        </>
      }
    >
      {document ? null : (
        <SelectField
          label={t("exchange:documents.kind")}
          value={values.kind}
          onChange={(event) => chooseKind(event.target.value)}
        >
          {kinds.map((value) => (
            <option key={value} value={value}>
              {t(`common:kind.${value}`)}
            </option>
          ))}
        </SelectField>
      )}
      {!document && isTemplated(values.kind) ? (
        <TemplateGallery
          kind={values.kind}
          templates={templates}
          value={values.templateId}
          onChange={choose}
          onRetry={() => void reloadTemplates()}
        />
      ) : null}
      <TextField
        label={t("exchange:documents.documentTitle")}
        value={values.title}
        maxLength={120}
        required
        autoFocus
        error={errorText.field(errors.title)}
        onChange={(event) => {
          setTitleTouched(true);
          set("title", event.target.value);
        }}
      />
      <FormError failure={failure} />
    </Dialog>
  );
}
