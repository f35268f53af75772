import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui/Button";
import { AlertIcon } from "../ui/icons";
import { StateMessage } from "../ui/StateMessage";

/** A render error shows a way out instead of a blank page; edits already made are in IndexedDB. */
export class CrashBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <CrashMessage /> : this.props.children;
  }
}

function CrashMessage() {
  const { t } = useTranslation("errors");
  return (
    <main>
      <StateMessage
        tone="danger"
        icon={<AlertIcon />}
        title={t("crash.title")}
        actions={
          <Button variant="primary" onClick={() => window.location.reload()}>
            {t("crash.reload")}
          </Button>
        }
      >
        <p>{t("crash.body")}</p>
      </StateMessage>
    </main>
  );
}
