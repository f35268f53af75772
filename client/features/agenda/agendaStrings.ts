import { useLazyStrings } from "../../i18n/lazyStrings";

// The agenda's strings come with its chunk, not with every first screen (client/i18n/lazyStrings).
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/agenda.json", {
  import: "default",
});

export const useAgendaStrings = (): boolean => useLazyStrings("agenda", files);
