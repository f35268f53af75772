import { type FormEvent, type MouseEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { newId } from "../../../shared/protocol/ids";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { MAX_NAME_LENGTH, type NameProblem, useDisplayName, validateName } from "../../identity/displayName";
import { colorForName, initialsOf, NO_NAME_COLOR } from "../../identity/userColor";
import { navigate } from "../../navigation/history";
import { documentPath } from "../../navigation/paths";
import { useRecentDocuments } from "../../recent/recentDocuments";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { PlusIcon } from "../../ui/icons";
import { TextField } from "../../ui/TextField";
import { RecentDocuments } from "./RecentDocuments";
import "./home.css";

/** Start page: who you are, a new document, and the documents you opened before. */
export function HomeScreen() {
  const { t } = useTranslation(["home", "common"]);
  const [savedName, saveName] = useDisplayName();
  const [name, setName] = useState(savedName);
  const [problem, setProblem] = useState<NameProblem | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const recent = useRecentDocuments();

  /** Validates and remembers the name; false (with the error shown) when it cannot be used. */
  const confirmName = (): boolean => {
    const issue = validateName(name);
    setProblem(issue);
    if (issue) {
      nameRef.current?.focus();
      return false;
    }
    if (name.trim() !== savedName) saveName(name);
    return true;
  };

  const createDocument = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmName()) return;
    const random = crypto.getRandomValues.bind(crypto);
    navigate(documentPath({ exchangeId: newId(random), documentId: newId(random) }));
  };

  const openRecent = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!confirmName()) event.preventDefault();
  };

  const trimmed = name.trim();
  return (
    <div className="home">
      <header className="home__bar">
        <span className="home__brand">
          <span className="home__logo" aria-hidden="true">
            M
          </span>
          {t("common:appName")}
        </span>
        <LanguageSwitcher />
      </header>
      <main className="home__main">
        <section className="home__intro">
          <h1 className="home__title">{t("home:title")}</h1>
          <p className="home__lead">{t("home:lead")}</p>
        </section>
        <form className="home-card home-start" onSubmit={createDocument} noValidate>
          <h2 className="home-card__title">{t("home:start.title")}</h2>
          <div className="home-start__row">
            <Avatar
              initials={trimmed ? initialsOf(trimmed) : "?"}
              color={trimmed ? colorForName(trimmed) : NO_NAME_COLOR}
              title={trimmed || t("common:name.label")}
            />
            <TextField
              ref={nameRef}
              className="home-start__field"
              label={t("common:name.label")}
              hint={t("common:name.hint")}
              error={problem ? t(`common:name.error.${problem}`, { max: MAX_NAME_LENGTH }) : null}
              value={name}
              autoComplete="name"
              onChange={(event) => {
                setName(event.target.value);
                setProblem(null);
              }}
              onBlur={() => {
                if (!validateName(name) && name.trim() !== savedName) saveName(name);
              }}
            />
          </div>
          <div className="home-start__actions">
            <Button variant="primary" type="submit" icon={<PlusIcon />}>
              {t("home:start.newDocument")}
            </Button>
          </div>
        </form>
        <RecentDocuments documents={recent} onOpen={openRecent} />
      </main>
    </div>
  );
}
