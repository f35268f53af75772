import { useTranslation } from "react-i18next";
import { LockIcon } from "../../ui/icons";

/** A calm "View only" badge with the reason in a sentence next to it. */
export function ViewOnlyBadge({ reason }: { reason: "observer" | "archived" | "other" }) {
  const { t } = useTranslation("document");
  const why = t(`viewOnly.${reason}`);
  return (
    <span className="view-only" data-testid="view-only">
      <LockIcon className="view-only__icon" />
      <span className="view-only__label">{t("viewOnly.label")}</span>
      <span className="view-only__reason">{why}</span>
    </span>
  );
}
