import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../layout/LoadStates";
import { useLocationPath } from "../navigation/history";
import { matchRoute } from "../navigation/paths";
import {
  loadDocument,
  loadExchange,
  loadHome,
  loadJoin,
  loadNotFound,
  loadTemplateEditor,
} from "./routeModules";

const HomeScreen = lazy(() => loadHome().then((module) => ({ default: module.HomeScreen })));
const JoinScreen = lazy(() => loadJoin().then((module) => ({ default: module.JoinScreen })));
const ExchangeScreen = lazy(() => loadExchange().then((module) => ({ default: module.ExchangeScreen })));
const DocumentScreen = lazy(() => loadDocument().then((module) => ({ default: module.DocumentScreen })));
const TemplateEditorScreen = lazy(() =>
  loadTemplateEditor().then((module) => ({ default: module.TemplateEditorScreen })),
);
const NotFoundScreen = lazy(() => loadNotFound().then((module) => ({ default: module.NotFoundScreen })));

/** Maps the URL to a screen, each loaded on first visit. */
export function Routes() {
  const route = matchRoute(useLocationPath());
  return (
    <Suspense fallback={<RouteLoading />}>
      {(() => {
        switch (route.name) {
          case "home":
            return <HomeScreen />;
          case "join":
            return <JoinScreen key={route.token} token={route.token} />;
          case "exchange":
            return <ExchangeScreen key={route.exchangeId} exchangeId={route.exchangeId} />;
          case "template":
            return (
              <TemplateEditorScreen
                key={`${route.exchangeId}/${route.templateId ?? "new"}`}
                exchangeId={route.exchangeId}
                templateId={route.templateId}
              />
            );
          case "document":
            // Keyed: a new document starts a new session (the screen opens its socket on mount).
            return (
              <DocumentScreen key={`${route.room.exchangeId}/${route.room.documentId}`} room={route.room} />
            );
          case "invalidDocument":
            return <NotFoundScreen kind="document" />;
          case "notFound":
            return <NotFoundScreen kind="page" />;
        }
      })()}
    </Suspense>
  );
}

/** Moving to a screen not downloaded yet (the first one is ready before the app renders, see main.tsx). */
function RouteLoading() {
  const { t } = useTranslation("common");
  return (
    <main className="page">
      <Loading label={t("loading")} />
    </main>
  );
}
