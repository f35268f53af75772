import { useLazyStrings } from "../../i18n/lazyStrings";

// The template editor's strings come with its route: the exchange and document screens never download
// them (client/i18n/lazyStrings).
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/templateEditor.json", {
  import: "default",
});

export const useTemplateEditorStrings = (): boolean => useLazyStrings("templateEditor", files);
