import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { ApiFailure } from "../api/request";
import { AppLink } from "../navigation/AppLink";
import { Button } from "../ui/Button";
import { AlertIcon, LockIcon, OfflineIcon } from "../ui/icons";
import { StateMessage } from "../ui/StateMessage";

/** While a page's data is on its way. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A page that could not load: no access, not found, offline or a server error, each with a way on. */
export function LoadFailure({ failure, onRetry }: { failure: ApiFailure; onRetry: () => void }) {
  const { t } = useTranslation("errors");
  const kind =
    failure.code === "unauthenticated" || failure.code === "forbidden"
      ? "noAccess"
      : failure.code === "not_found"
        ? "missing"
        : failure.code === "network"
          ? "offline"
          : "server";
  const icon = kind === "noAccess" ? <LockIcon /> : kind === "offline" ? <OfflineIcon /> : <AlertIcon />;
  const title = t(`load.${kind}.title`);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <StateMessage
      icon={icon}
      tone={kind === "server" ? "danger" : "neutral"}
      title={title}
      actions={
        <>
          {kind === "offline" || kind === "server" ? (
            <Button variant="primary" onClick={onRetry}>
              {t("load.retry")}
            </Button>
          ) : null}
          <AppLink
            to="/"
            className={`button ${kind === "noAccess" || kind === "missing" ? "button--primary" : "button--secondary"}`}
          >
            {t("load.home")}
          </AppLink>
        </>
      }
    >
      <p>{t(`load.${kind}.body`)}</p>
    </StateMessage>
  );
}
