/**
 * Registers /sw.js, which keeps the app shell and every chunk so documents open without a network.
 * It waits for the page's load and `firstScreen` (the first screen's code, the editor included): the
 * worker then finds those files in the HTTP cache instead of downloading them a second time beside
 * the page on a slow link.
 */
export function registerServiceWorker(firstScreen: Promise<unknown>): void {
  if (!("serviceWorker" in navigator)) return;
  const loaded = new Promise<void>((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", () => resolve(), { once: true });
  });
  void Promise.all([loaded, firstScreen.catch(() => {})]).then(() =>
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without it the app still works online; offline reloads are what is lost.
    }),
  );
}
