import type { i18n } from "i18next";
import { ensureStrings, useLazyStrings } from "../../i18n/lazyStrings";

// History's strings come with its chunk, not with every first screen (client/i18n/lazyStrings).
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/history.json", {
  import: "default",
});

export const useHistoryStrings = (): boolean => useLazyStrings("history", files);

/** For code outside React (the live tint): the strings of the current language. */
export const loadHistoryStrings = (instance: i18n): Promise<void> =>
  ensureStrings(instance, "history", files);
