import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import { DOCUMENT_KINDS, type DocumentInfo, type Role } from "../../../shared/domain";
import { canOnDocument } from "../../../shared/permissions";
import { FormError } from "../../api/FormError";
import { apiRequest } from "../../api/request";
import { useApiForm } from "../../api/useApiForm";
import { useErrorText } from "../../api/useErrorText";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";

/** Creates a document (kind and title) or renames one (title only). */
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
  const kinds = DOCUMENT_KINDS.filter((kind) => canOnDocument(role, kind, "document.create"));
  const form = useApiForm({ kind: kinds[0] ?? "notes", title: document?.title ?? "" });
  const { values, set, errors, failure, busy } = form;

  const submit = async () => {
    const saved = await form.submit(["title"], ({ kind, title }) =>
      document
        ? apiRequest<DocumentInfo>("PATCH", api.document(exchangeId, document.id), { title })
        : apiRequest<DocumentInfo>("POST", api.documents(exchangeId), { kind, title }),
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
          onChange={(event) => set("kind", event.target.value)}
        >
          {kinds.map((value) => (
            <option key={value} value={value}>
              {t(`common:kind.${value}`)}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        label={t("exchange:documents.documentTitle")}
        value={values.title}
        maxLength={120}
        required
        autoFocus
        error={errorText.field(errors.title)}
        onChange={(event) => set("title", event.target.value)}
      />
      <FormError failure={failure} />
    </Dialog>
  );
}
