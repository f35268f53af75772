import agendaCss from "./agenda.css?inline";
import printCss from "./agendaPrint.css?inline";

/**
 * The agenda's styles travel in its lazy chunk (the app's one stylesheet is on every first screen,
 * whose brotli budgets tests/build/budget.test.ts holds): added to the page once, when an agenda
 * first opens. The CSP allows inline styles.
 */
export function installAgendaStyles(): void {
  if (typeof document === "undefined" || document.getElementById("agenda-styles")) return;
  const style = document.createElement("style");
  style.id = "agenda-styles";
  style.textContent = `${agendaCss}\n${printCss}`;
  document.head.append(style);
}
