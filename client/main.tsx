import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { preloadRoute } from "./app/routeModules";
import { createI18n } from "./i18n/createI18n";
import { matchRoute } from "./navigation/paths";
import { registerServiceWorker } from "./registerServiceWorker";
import "./ui/theme.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The reader's language and the first screen's code download side by side; meanwhile index.html's
// shell stays up, so the page goes from that shell straight to the screen (no second spinner).
const firstScreen = preloadRoute(matchRoute(window.location.pathname));
const screenReady = firstScreen.screen.catch(() => {
  // Offline and not cached: the route's lazy import fails again inside the app, which explains.
});
const RETRIED = "mutual.bootRetried";
/** sessionStorage, or nothing where the browser refuses it (storage blocked): never fails the start. */
function retryMark(action: "check" | "set" | "clear"): boolean {
  try {
    if (action === "set") sessionStorage.setItem(RETRIED, "1");
    if (action === "clear") sessionStorage.removeItem(RETRIED);
    return sessionStorage.getItem(RETRIED) !== null;
  } catch {
    return true;
  }
}
Promise.all([createI18n(), screenReady]).then(
  ([i18n]) => {
    retryMark("clear");
    createRoot(root).render(<App i18n={i18n} />);
  },
  () => {
    // The language chunk did not arrive: most likely a new release replaced the files this page
    // names. One reload gets the new page; a second failure (offline, never cached) turns the shell's
    // "common:loading" into its "common:bootFailed" message.
    if (retryMark("check")) {
      document.documentElement.dataset.boot = "failed";
      return;
    }
    retryMark("set");
    window.location.reload();
  },
);

// Development serves modules from Vite; only the built app has a stable shell worth caching.
if (import.meta.env.PROD) registerServiceWorker(firstScreen.complete);
