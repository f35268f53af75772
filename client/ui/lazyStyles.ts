/**
 * Styles of a lazily loaded feature, carried in its chunk (`import css from "./x.css?inline"`) rather
 * than in the app's one stylesheet, which every first screen downloads (budgets:
 * tests/build/budget.test.ts). Added to the page once, when the feature first loads; the CSP allows
 * inline styles.
 */
export function installStyles(id: string, ...sheets: string[]): void {
  if (typeof document === "undefined" || document.getElementById(id)) return;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = sheets.join("\n");
  document.head.append(style);
}
