import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { ExchangeView, TemplateList } from "../../../shared/api/responses";
import { canInExchange } from "../../../shared/permissions";
import { pickText } from "../../../shared/templates/localizedText";
import type { ReflectionTemplate } from "../../../shared/templates/templateSchema";
import { useResource } from "../../api/useResource";
import { isLanguage } from "../../i18n/languages";
import { AppBar, Page } from "../../layout/AppBar";
import { LoadFailure, Loading } from "../../layout/LoadStates";
import { useParticipantLanguage } from "../../membership/useParticipantLanguage";
import { AppLink } from "../../navigation/AppLink";
import { exchangePath } from "../../navigation/paths";
import { AlertIcon, LockIcon } from "../../ui/icons";
import { installStyles } from "../../ui/lazyStyles";
import { StateMessage } from "../../ui/StateMessage";
import { TemplateForm } from "./TemplateForm";
import { blankDraft, draftOf, type TemplateDraft } from "./templateDraft";
import templateEditorCss from "./templateEditor.css?inline";
import { useTemplateEditorStrings } from "./templateEditorStrings";

// Its styles travel with this lazy chunk (client/ui/lazyStyles).
installStyles("template-editor-styles", templateEditorCss);

/**
 * The template editor, for facilitators: a new template (blank, or a copy of a built-in or custom one
 * named by `?from=`), or one of the exchange's own to edit.
 */
export function TemplateEditorScreen({
  exchangeId,
  templateId,
}: {
  exchangeId: string;
  templateId: string | null;
}) {
  const { t, i18n } = useTranslation(["templateEditor", "templates"]);
  // Waited for once: a later language switch must not unmount the form (and lose unsaved changes) while
  // the new language's strings arrive.
  const stringsLoaded = useTemplateEditorStrings();
  const stringsSeen = useRef(false);
  if (stringsLoaded) stringsSeen.current = true;
  const stringsReady = stringsSeen.current;
  const [view, reloadView] = useResource<ExchangeView>(api.exchange(exchangeId));
  const [list, reloadList] = useResource<TemplateList>(api.templates(exchangeId));
  useParticipantLanguage(exchangeId, view.state === "ready" ? view.data.me.uiLanguage : null);
  // Read once: the copy's source does not change while the screen is open.
  const [from] = useState(() => new URLSearchParams(window.location.search).get("from"));
  const exchangeTitle = view.state === "ready" ? view.data.exchange.title : null;

  const found = list.state === "ready" ? findTemplate(list.data, templateId ?? from) : null;
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  const name = found ? pickText(found.template.name, language).text : "";
  useEffect(() => {
    // The current language's strings, not only the first one's: after a switch they may still be coming.
    if (!stringsLoaded) return;
    document.title = templateId && name ? t("editor.pageTitleEdit", { name }) : t("editor.pageTitleNew");
  }, [t, templateId, name, stringsLoaded]);

  const back = exchangeTitle ? (
    <AppLink to={exchangePath(exchangeId)} className="template-editor__back">
      {t("editor.back", { exchange: exchangeTitle })}
    </AppLink>
  ) : null;

  let body: React.ReactNode;
  if (view.state === "loading" || list.state === "loading" || !stringsReady) {
    // Until its strings are there, the loading line is the exchange's (already in the reader's language).
    body = <Loading label={stringsReady ? t("editor.loading") : t("templates:card.loading")} />;
  } else if (view.state === "failed") {
    body = <LoadFailure failure={view.failure} onRetry={() => void reloadView()} />;
  } else if (list.state === "failed") {
    body = <LoadFailure failure={list.failure} onRetry={() => void reloadList()} />;
  } else if (!canInExchange(view.data.me.role, "template.manage")) {
    body = <StateMessage icon={<LockIcon />} title={t("editor.noAccess")} actions={back} />;
  } else if ((templateId || from) && (!found || (templateId && !found.own))) {
    body = <StateMessage icon={<AlertIcon />} title={t("editor.notFound")} actions={back} />;
  } else {
    const initial: TemplateDraft = found ? draftOf(found.template) : blankDraft();
    if (found && !templateId) {
      // A copy: the reader's language names it as one; the other languages keep the original's name.
      const own = initial.name[language];
      if (own) initial.name = { ...initial.name, [language]: t("editor.copyName", { name: own }) };
    }
    body = (
      <TemplateForm
        key={templateId ?? `new:${from ?? ""}`}
        exchangeId={exchangeId}
        templateId={templateId}
        initial={initial}
        back={back}
      />
    );
  }

  return (
    <>
      <AppBar trail={exchangeTitle ?? undefined} />
      <Page wide>{body}</Page>
    </>
  );
}

/** The template with this id: the exchange's own, or a built-in one (a copy's source). */
function findTemplate(
  list: TemplateList,
  id: string | null,
): { template: ReflectionTemplate; own: boolean } | null {
  if (!id) return null;
  const own = list.custom.find((template) => template.id === id);
  if (own) return { template: own, own: true };
  const builtIn = list.builtIn.find((template) => template.id === id);
  return builtIn ? { template: builtIn, own: false } : null;
}
