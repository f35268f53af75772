import { installStyles } from "../../ui/lazyStyles";
import agendaCss from "./agenda.css?inline";
import printCss from "./agendaPrint.css?inline";

/** The agenda's styles, added when an agenda first opens (client/ui/lazyStyles). */
export const installAgendaStyles = (): void => installStyles("agenda-styles", agendaCss, printCss);
