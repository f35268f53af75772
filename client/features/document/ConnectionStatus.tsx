import { useTranslation } from "react-i18next";
import type { CollabStatus } from "../../sync/collabStatus";
import { AlertIcon, CheckIcon, CloudIcon, OfflineIcon, SyncIcon } from "../../ui/icons";
import { StatusPill } from "../../ui/StatusPill";

/**
 * The connection and save state as a calm pill: what is happening, and whether edits are safe.
 * Once the server has refused this device's changes, that is what it says (never "All changes saved").
 */
export function ConnectionStatus({ status, refused }: { status: CollabStatus; refused: boolean }) {
  const { t } = useTranslation("status");
  if (refused && status.kind !== "error") {
    return <StatusPill tone="danger" icon={<AlertIcon />} text={t("refused")} detail={t("refusedDetail")} />;
  }
  switch (status.kind) {
    case "connecting":
      return <StatusPill tone="neutral" icon={<CloudIcon />} text={t("connecting")} />;
    case "connected":
      return status.saved ? (
        <StatusPill tone="success" icon={<CheckIcon />} text={t("saved")} />
      ) : (
        <StatusPill tone="progress" icon={<SyncIcon />} text={t("saving")} />
      );
    case "reconnecting":
      return (
        <StatusPill tone="warning" icon={<SyncIcon />} text={t("reconnecting")} detail={t("keptLocally")} />
      );
    case "offline":
      return (
        <StatusPill tone="warning" icon={<OfflineIcon />} text={t("offline")} detail={t("keptLocally")} />
      );
    case "error":
      return <StatusPill tone="danger" icon={<AlertIcon />} text={t("error")} />;
  }
}
