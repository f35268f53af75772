import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DocumentScreen } from "../features/document/DocumentScreen";
import { HomeScreen } from "../features/home/HomeScreen";
import { NotFoundScreen } from "../features/notFound/NotFoundScreen";
import { useLocationPath } from "../navigation/history";
import { matchRoute } from "../navigation/paths";

/** Maps the URL to a screen. */
export function Routes() {
  const route = matchRoute(useLocationPath());
  switch (route.name) {
    case "home":
      return <HomeTitle />;
    case "document":
      return <DocumentScreen room={route.room} />;
    case "invalidDocument":
      return <NotFoundScreen kind="document" />;
    case "notFound":
      return <NotFoundScreen kind="page" />;
  }
}

function HomeTitle() {
  const { t } = useTranslation("common");
  useEffect(() => {
    document.title = t("appName");
  }, [t]);
  return <HomeScreen />;
}
