import type { TFunction } from "i18next";
import type { VersionSummary } from "../../../shared/api/history";
import { formatDateTime } from "../../time/relativeTime";

/** A version's line in the timeline: its name, else what made it (a run event, a restore, the editing). */
export function versionTitle(
  version: VersionSummary,
  t: TFunction,
  locale: string,
  timeOf: (id: number) => number | undefined,
): string {
  if (version.name) return version.name;
  if (version.kind === "run-event") return runEventLabel(version.event, t);
  if (version.kind === "restore") {
    const from =
      typeof version.event?.restoredFrom === "number" ? timeOf(version.event.restoredFrom) : undefined;
    return from === undefined
      ? t("history:kind.restore")
      : t("history:restoredFrom", { time: formatDateTime(from, locale) });
  }
  return t(`history:kind.${version.kind}`);
}

/** The facilitated-run mark: a phase change (with its name when given), a reveal or a close. */
export function runEventLabel(event: Record<string, unknown> | null, t: TFunction): string {
  switch (event?.type) {
    case "phase":
      return typeof event.phase === "string" && event.phase
        ? t("history:event.phaseNamed", { phase: event.phase })
        : t("history:event.phase");
    case "reveal":
      return t("history:event.reveal");
    case "close":
      return t("history:event.close");
    default:
      return t("history:kind.run-event");
  }
}
