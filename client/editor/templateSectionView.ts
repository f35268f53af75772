import type { Node as PMNode } from "@tiptap/pm/model";
import type { NodeView, ViewMutationRecord } from "@tiptap/pm/view";
import type { i18n as I18n } from "i18next";
import type * as Y from "yjs";
import { DocumentLayout, TemplateLayout, type TemplatePairEntry } from "../../shared/schema/documentLayout";
import { type PickedText, pickText } from "../../shared/templates/localizedText";
import type { ReflectionTemplate, TemplateSection } from "../../shared/templates/templateSchema";
import { activeLanguage, type Language } from "../i18n/languages";

/** What a section's header is drawn from: the document's copy of its template, and the reader's language. */
export interface TemplateSource {
  doc: Y.Doc;
  i18n: I18n;
}

/**
 * A template section drawn with plain DOM (no React: the editor chunk stays small). The header, the
 * prompt and guidance in the reader's UI language, is not content: it is drawn from the document's
 * `template` map, never written to it, and redrawn in place when the language changes, so a switch
 * sends nothing to the others. The answer below it (`contentDOM`) is ordinary, shared rich text.
 */
export class TemplateSectionView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  private readonly header: HTMLElement;
  private node: PMNode;
  private readonly map: Y.Map<unknown>;

  constructor(
    node: PMNode,
    private readonly source: TemplateSource,
  ) {
    this.node = node;
    this.map = source.doc.getMap(DocumentLayout.template);
    this.dom = document.createElement("section");
    this.dom.className = "template-section";
    this.header = document.createElement("div");
    this.header.className = "template-section__header";
    this.header.contentEditable = "false";
    this.contentDOM = document.createElement("div");
    this.contentDOM.className = "template-section__answer";
    this.dom.append(this.header, this.contentDOM);
    this.markEmpty();
    this.render();
    source.i18n.on("languageChanged", this.render);
    this.map.observe(this.render);
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    const before = this.node;
    this.node = node;
    this.markEmpty();
    if (before.attrs.sectionId !== node.attrs.sectionId || before.attrs.pairIndex !== node.attrs.pairIndex)
      this.render();
    return true;
  }

  /** Redrawing the header is not an edit: ProseMirror must not read it back as one. */
  ignoreMutation(mutation: ViewMutationRecord): boolean {
    if (mutation.type === "selection") return false;
    // Its own marks (classes, the hint) on the section and answer elements are not edits either.
    if (
      mutation.type === "attributes" &&
      (mutation.target === this.dom || mutation.target === this.contentDOM)
    )
      return true;
    // Only changes inside the header are its own; anything else (the browser deleting the header, say)
    // is for ProseMirror to see and redraw.
    return this.header.contains(mutation.target as Node);
  }

  stopEvent(event: Event): boolean {
    // Dragging the header would drag the whole section out of place.
    return event.type === "dragstart" && this.header.contains(event.target as Node);
  }

  destroy(): void {
    this.source.i18n.off("languageChanged", this.render);
    this.map.unobserve(this.render);
  }

  /** An answer with nothing written yet shows a hint (CSS, from `data-placeholder`). */
  private markEmpty(): void {
    const only = this.node.childCount === 1 ? this.node.firstChild : null;
    this.dom.classList.toggle(
      "template-section--empty",
      Boolean(only?.isTextblock && only.content.size === 0),
    );
  }

  private readonly render = (): void => {
    const { i18n } = this.source;
    const language = activeLanguage(i18n);
    const t = (key: string, options?: Record<string, unknown>) => i18n.t(`templates:${key}`, options ?? {});
    const definition = this.map.get(TemplateLayout.definition) as ReflectionTemplate | undefined;
    const sectionId = String(this.node.attrs.sectionId ?? "");
    const section = definition?.sections.find((s) => s.id === sectionId);
    const pairIndex = this.node.attrs.pairIndex as number | null;
    const pair =
      typeof pairIndex === "number"
        ? (this.map.get(TemplateLayout.pairs) as TemplatePairEntry[] | undefined)?.[pairIndex]
        : null;
    this.dom.dataset.sectionId = sectionId;
    this.dom.classList.toggle("template-section--pair", Boolean(pair));
    // Later pairs of a per-pair section show their pair only: the prompt heads the first one.
    const showPrompt = !pair || pairIndex === 0;
    const parts: HTMLElement[] = [];
    if (showPrompt) parts.push(...promptParts(section, language, t));
    if (pair) {
      const label = element("h3", "template-section__pair");
      label.setAttribute("aria-label", t("section.pairSpoken", { from: pair.from.name, to: pair.to.name }));
      label.textContent = t("section.pair", { from: pair.from.name, to: pair.to.name });
      parts.push(label);
    }
    this.header.replaceChildren(...parts);
    this.contentDOM.dataset.placeholder = t("section.answerPlaceholder");
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function promptParts(section: TemplateSection | undefined, language: Language, t: Translate): HTMLElement[] {
  const heading = element("h2", "template-section__prompt");
  if (!section) {
    // A document whose template copy lacks this section (never written by Mutual): say so, not a blank.
    heading.textContent = t("section.missing");
    return [heading];
  }
  const prompt = pickText(section.prompt, language);
  heading.append(textIn(prompt, language));
  if (prompt.fallback) heading.append(" ", badge(prompt, t));
  const parts = [heading];
  const guidance = pickText(section.guidance, language);
  if (guidance.text) {
    const line = element("p", "template-section__guidance");
    line.append(textIn(guidance, language));
    // Only marked when its language differs from the prompt's (one badge says it for both).
    if (guidance.fallback && guidance.language !== prompt.language) line.append(" ", badge(guidance, t));
    parts.push(line);
  }
  return parts;
}

/** The text, with its own `lang` when it is not the reader's (screen readers, Chinese glyphs). */
function textIn(pick: PickedText, language: Language): HTMLElement {
  const span = element("span", "template-section__text");
  span.textContent = pick.text;
  if (pick.language && pick.language !== language) span.lang = pick.language;
  return span;
}

/** "EN": this text is shown in another language, as the template has none in the reader's. */
function badge(pick: PickedText, t: Translate): HTMLElement {
  const mark = element("span", "template-section__badge");
  const written = pick.language;
  mark.textContent = t(`section.badge.${written}`);
  const explanation = t(`section.fallback.${written}`);
  mark.title = explanation;
  mark.setAttribute("role", "note");
  mark.setAttribute("aria-label", explanation);
  return mark;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
