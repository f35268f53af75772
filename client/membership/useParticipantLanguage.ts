import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api/paths";
import type { UiLanguage } from "../../shared/domain";
import { apiRequest } from "../api/request";
import { isLanguage } from "../i18n/languages";
import { useLanguage } from "../i18n/useLanguage";

/**
 * The UI language is remembered per participant: when an exchange loads, its remembered language is
 * applied; when the reader switches language inside the exchange, the choice is saved to the server.
 */
export function useParticipantLanguage(exchangeId: string, remembered: UiLanguage | null): void {
  const { i18n } = useTranslation();
  const { setLanguage } = useLanguage();
  const known = useRef<UiLanguage | null>(null);
  const applied = useRef(false);

  // The last value the server sent: only a new one replaces what the reader chose here since (the effect
  // also runs again when its other inputs change, and resetting to an older answer then made a switch
  // back to that language look like no change, so it was never saved).
  const lastRemembered = useRef<UiLanguage | null>(null);
  useEffect(() => {
    if (remembered === null || remembered === lastRemembered.current) return;
    lastRemembered.current = remembered;
    known.current = remembered;
    if (applied.current) return;
    applied.current = true;
    if (remembered !== i18n.language) setLanguage(remembered);
  }, [remembered, i18n, setLanguage]);

  useEffect(() => {
    const onChange = (language: string) => {
      if (!isLanguage(language) || known.current === null || language === known.current) return;
      known.current = language;
      apiRequest("PATCH", api.self(exchangeId), { uiLanguage: language }).catch(() => {
        // Offline or no longer a member: the language still applies here and is stored on the device.
      });
    };
    i18n.on("languageChanged", onChange);
    return () => i18n.off("languageChanged", onChange);
  }, [exchangeId, i18n]);
}
