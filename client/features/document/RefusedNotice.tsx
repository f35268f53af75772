import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RefusalKind } from "../../sync/instrumentProvider";

const SHOWN_MS = 6000;

/** A brief, polite notice each time the server refused a change from this connection, saying why. */
export function RefusedNotice({ count, reason }: { count: number; reason: RefusalKind | null }) {
  const { t } = useTranslation("document");
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (count === 0) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [count]);
  return (
    <div className="refused-notice" role="status" aria-live="polite">
      {visible ? (
        <p className="refused-notice__text">
          {t(reason === "protectedStructure" ? "refusedStructure" : "refused")}
        </p>
      ) : null}
    </div>
  );
}
