import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../navigation/AppLink";
import { DocumentIcon } from "../../ui/icons";
import { StateMessage } from "../../ui/StateMessage";

/** Any URL the app does not know, or a document link whose ids are malformed. */
export function NotFoundScreen({ kind }: { kind: "page" | "document" }) {
  const { t } = useTranslation("errors");
  useEffect(() => {
    document.title = t("notFound.pageTitle");
  }, [t]);
  return (
    <main className="not-found">
      <StateMessage
        icon={<DocumentIcon />}
        title={t(`notFound.${kind}.title`)}
        actions={
          <AppLink to="/" className="button button--primary">
            {t("notFound.home")}
          </AppLink>
        }
      >
        <p>{t(`notFound.${kind}.body`)}</p>
      </StateMessage>
    </main>
  );
}
