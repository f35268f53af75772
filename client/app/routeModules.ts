import type { Route } from "../navigation/paths";

// One dynamic import per screen, so each route downloads its own code and libraries only: the home,
// join and exchange screens never fetch Tiptap, ProseMirror or Yjs (tests/build/budget.test.ts checks).
export const loadHome = () => import("../features/home/HomeScreen");
export const loadJoin = () => import("../features/join/JoinScreen");
export const loadExchange = () => import("../features/exchange/ExchangeScreen");
export const loadNotFound = () => import("../features/notFound/NotFoundScreen");
export const loadEditor = () => import("../editor/CollaborativeEditor");
export const loadTemplateEditor = () => import("../features/templates/TemplateEditorScreen");

/** A route's first screen: `screen` resolves when it can render; `complete` with everything it shows. */
export interface RoutePreload {
  screen: Promise<unknown>;
  complete: Promise<unknown>;
}

/**
 * Starts downloading the route's first screen. A document's screen (its header and the sync code that
 * opens the WebSocket) and the editor it shows once synced start at the same moment, and the screen
 * renders without waiting for the editor: the socket opens while the editor is still downloading.
 */
export function preloadRoute(route: Route): RoutePreload {
  if (route.name === "document") {
    const screen = loadDocument();
    return { screen, complete: Promise.all([screen, loadEditor()]) };
  }
  const screen = loadScreen(route);
  return { screen, complete: screen };
}

/** The document screen; the editor starts downloading too, whoever asks first (route or preload). */
export function loadDocument() {
  loadEditor().catch(() => {
    // The screen's own lazy import of the editor asks again and reports a failure there.
  });
  return import("../features/document/DocumentScreen");
}

function loadScreen(route: Exclude<Route, { name: "document" }>): Promise<unknown> {
  switch (route.name) {
    case "home":
      return loadHome();
    case "join":
      return loadJoin();
    case "exchange":
      return loadExchange();
    case "template":
      return loadTemplateEditor();
    case "invalidDocument":
    case "notFound":
      return loadNotFound();
  }
}
