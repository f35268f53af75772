import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_NAME_LENGTH, validateName } from "../../identity/displayName";
import { colorForName, initialsOf, NO_NAME_COLOR } from "../../identity/userColor";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/TextField";

/** Asks for a display name before joining a document opened from a link. */
export function NameGate({ onSubmit }: { onSubmit: (name: string) => void }) {
  const { t } = useTranslation(["document", "common"]);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const issue = validateName(name);
    if (issue) {
      setProblem(t(`common:name.error.${issue}`, { max: MAX_NAME_LENGTH }));
      inputRef.current?.focus();
      return;
    }
    onSubmit(name.trim());
  };
  const trimmed = name.trim();
  return (
    <section className="name-gate" aria-labelledby="name-gate-title">
      <h1 id="name-gate-title" className="name-gate__title">
        {t("document:nameGate.title")}
      </h1>
      <p className="name-gate__body">{t("document:nameGate.body")}</p>
      <form className="name-gate__form" onSubmit={submit} noValidate>
        <div className="name-gate__row">
          <Avatar
            initials={trimmed ? initialsOf(trimmed) : "?"}
            color={trimmed ? colorForName(trimmed) : NO_NAME_COLOR}
            title={trimmed || t("common:name.label")}
          />
          <TextField
            ref={inputRef}
            className="name-gate__field"
            label={t("common:name.label")}
            hint={t("common:name.hint")}
            error={problem}
            value={name}
            autoComplete="name"
            autoFocus
            onChange={(event) => {
              setName(event.target.value);
              setProblem(null);
            }}
          />
        </div>
        <Button variant="primary" type="submit">
          {t("document:nameGate.join")}
        </Button>
      </form>
    </section>
  );
}
