import { installStyles } from "../../ui/lazyStyles";
import runCss from "./run.css?inline";

/** A run's styles, added when a run's panel or the exchange's actions card first loads (client/ui/lazyStyles). */
export const installRunStyles = (): void => installStyles("run-styles", runCss);
