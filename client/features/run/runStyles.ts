import runCss from "./run.css?inline";

/**
 * A run's styles travel in its lazy chunks (the app's one stylesheet is on every first screen, whose brotli
 * budgets tests/build/budget.test.ts holds): added to the page once, when a run's panel or the exchange's
 * actions card first loads. The CSP allows inline styles.
 */
export function installRunStyles(): void {
  if (typeof document === "undefined" || document.getElementById("run-styles")) return;
  const style = document.createElement("style");
  style.id = "run-styles";
  style.textContent = runCss;
  document.head.append(style);
}
