import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../../shared/api/errors";
import { api } from "../../../shared/api/paths";
import { DOCUMENT_KINDS, type DocumentInfo, type DocumentKind, type Role } from "../../../shared/domain";
import { canOnDocument } from "../../../shared/permissions";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
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
  const [kind, setKind] = useState<DocumentKind>(kinds[0] ?? "notes");
  const [title, setTitle] = useState(document?.title ?? "");
  const [titleError, setTitleError] = useState<FieldErrorCode | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setFailure(null);
    if (!title.trim()) {
      setTitleError("required");
      return;
    }
    setBusy(true);
    try {
      const saved = document
        ? await apiRequest<DocumentInfo>("PATCH", api.document(exchangeId, document.id), { title })
        : await apiRequest<DocumentInfo>("POST", api.documents(exchangeId), { kind, title });
      onDone(saved);
    } catch (error) {
      const problem = asFailure(error);
      setBusy(false);
      if (problem.code === "validation_failed" && problem.fields.title) setTitleError(problem.fields.title);
      else setFailure(problem);
    }
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
          value={kind}
          onChange={(event) => setKind(event.target.value as DocumentKind)}
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
        value={title}
        maxLength={120}
        required
        autoFocus
        error={errorText.field(titleError ?? undefined)}
        onChange={(event) => {
          setTitle(event.target.value);
          setTitleError(null);
        }}
      />
      <FormError failure={failure} />
    </Dialog>
  );
}
