import { useTranslation } from "react-i18next";
import type { CloseCodeName } from "../../../shared/protocol/closeCodes";
import { AppLink } from "../../navigation/AppLink";
import { exchangePath } from "../../navigation/paths";
import { Button } from "../../ui/Button";
import { AlertIcon } from "../../ui/icons";
import { StateMessage } from "../../ui/StateMessage";

/** i18n keys per close reason: each says what happened and what the reader can do. */
const REASON_KEYS: Record<CloseCodeName, string> = {
  serviceRestart: "close.serviceRestart",
  accessChanged: "close.accessChanged",
  invalidRoom: "close.invalidRoom",
  unauthorized: "close.unauthorized",
  forbidden: "close.forbidden",
  notFound: "close.notFound",
  malformedMessage: "close.malformedMessage",
  unknownMessage: "close.unknownMessage",
  messageTooLarge: "close.messageTooLarge",
  documentTooLarge: "close.documentTooLarge",
  roomUnavailable: "close.roomUnavailable",
};

/** Shown instead of the editor when the server closed the document for good. */
export function ClosedState({
  code,
  reason,
  exchangeId,
}: {
  code: number;
  reason: CloseCodeName | null;
  exchangeId: string;
}) {
  const { t } = useTranslation("errors");
  const key = reason ? REASON_KEYS[reason] : "close.unknown";
  return (
    <StateMessage
      tone="danger"
      icon={<AlertIcon />}
      title={t(`${key}.title`)}
      actions={
        <>
          <Button variant="primary" onClick={() => window.location.reload()}>
            {t("close.retry")}
          </Button>
          <AppLink to={exchangePath(exchangeId)} className="button button--secondary">
            {t("close.exchange")}
          </AppLink>
          <AppLink to="/" className="button button--secondary">
            {t("close.home")}
          </AppLink>
        </>
      }
    >
      <p>{t(`${key}.body`)}</p>
      <p className="state-message__code">{t("close.code", { code })}</p>
    </StateMessage>
  );
}
