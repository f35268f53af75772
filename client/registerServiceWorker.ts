/** Registers /sw.js, which keeps the app shell so documents open without a network. */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without it the app still works online; offline reloads are what is lost.
    });
  });
}
