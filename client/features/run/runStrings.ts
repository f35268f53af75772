import { useLazyStrings } from "../../i18n/lazyStrings";

// A run's strings come with its chunk, not with every first screen (client/i18n/lazyStrings).
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/run.json", { import: "default" });

export const useRunStrings = (): boolean => useLazyStrings("run", files);
