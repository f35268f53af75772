import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { TEMPLATE_LIMITS } from "../../../shared/templates/templateSchema";
import { Button } from "../../ui/Button";
import { IconButton } from "../../ui/IconButton";
import { ArrowLeftIcon, CloseIcon, PlusIcon } from "../../ui/icons";
import { LocalizedFields } from "./LocalizedFields";
import { emptySection, moved, type SectionDraft } from "./templateDraft";
import type { ErrorAt } from "./useTemplateErrors";

/**
 * The template's sections in order: add, remove, and reorder with the arrow buttons or Alt + Up/Down from
 * anywhere inside a section. The moved section keeps the focus, and the move is announced.
 */
export function SectionList({
  sections,
  onChange,
  errorAt,
  announce,
}: {
  sections: SectionDraft[];
  onChange: (next: SectionDraft[]) => void;
  errorAt: ErrorAt;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation("templateEditor");
  const update = (index: number, patch: Partial<SectionDraft>) =>
    onChange(sections.map((section, i) => (i === index ? { ...section, ...patch } : section)));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= sections.length) return;
    keepFocus();
    onChange(moved(sections, from, to));
    announce(t("editor.sectionMoved", { number: to + 1 }));
  };
  const onKeyDown = (index: number) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(index, event.key === "ArrowUp" ? index - 1 : index + 1);
  };
  const sectionsError = errorAt("sections");
  return (
    <div className="template-editor__sections">
      {sectionsError ? (
        <p className="text-field__error" role="alert">
          {sectionsError}
        </p>
      ) : null}
      <ol className="template-editor__section-list">
        {sections.map((section, index) => {
          const number = index + 1;
          const path = `sections.${index}`;
          return (
            <li key={section.id} className="template-editor__section" onKeyDown={onKeyDown(index)}>
              <div className="template-editor__section-head">
                <h3 className="template-editor__section-title">{t("editor.section", { number })}</h3>
                <MoveButtons
                  index={index}
                  count={sections.length}
                  labels={{
                    up: t("editor.moveSectionUp", { number }),
                    down: t("editor.moveSectionDown", { number }),
                    remove: t("editor.removeSection", { number }),
                  }}
                  canRemove={sections.length > 1}
                  onMove={move}
                  onRemove={() => onChange(sections.filter((_, i) => i !== index))}
                />
              </div>
              <LocalizedFields
                label={t("editor.prompt")}
                value={section.prompt}
                maxLength={TEMPLATE_LIMITS.prompt}
                multiline
                error={errorAt(`${path}.prompt`) ?? errorAt(`${path}.id`)}
                errorFor={(language) => errorAt(`${path}.prompt.${language}`)}
                onChange={(prompt) => update(index, { prompt })}
              />
              <LocalizedFields
                label={t("editor.guidance")}
                value={section.guidance}
                maxLength={TEMPLATE_LIMITS.guidance}
                multiline
                error={errorAt(`${path}.guidance`)}
                errorFor={(language) => errorAt(`${path}.guidance.${language}`)}
                onChange={(guidance) => update(index, { guidance })}
              />
              <label className="template-editor__check">
                <input
                  type="checkbox"
                  checked={section.perDelegationPair}
                  onChange={(event) => update(index, { perDelegationPair: event.target.checked })}
                />
                {t("editor.perPair")}
              </label>
            </li>
          );
        })}
      </ol>
      <Button
        icon={<PlusIcon />}
        disabled={sections.length >= TEMPLATE_LIMITS.sections}
        onClick={() => onChange([...sections, emptySection(sections)])}
      >
        {t("editor.addSection")}
      </Button>
    </div>
  );
}

/**
 * After a reorder React moves elements in the page, which can drop the focus; the element that had it
 * gets it back, or, when its button was disabled by the move (first or last place), its other arrow.
 */
export function keepFocus(): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return;
  requestAnimationFrame(() => {
    if (!active.isConnected) return;
    if (active instanceof HTMLButtonElement && active.disabled) {
      const other = active.parentElement?.querySelector<HTMLButtonElement>("button:not(:disabled)");
      other?.focus();
    } else if (document.activeElement !== active) {
      active.focus();
    }
  });
}

/** Up, down and remove for one item of an ordered list (sections, phases). */
export function MoveButtons({
  index,
  count,
  labels,
  canRemove,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  labels: { up: string; down: string; remove: string };
  canRemove: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  return (
    <span className="template-editor__move">
      <IconButton label={labels.up} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
        <ArrowLeftIcon className="template-editor__arrow-up" />
      </IconButton>
      <IconButton label={labels.down} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
        <ArrowLeftIcon className="template-editor__arrow-down" />
      </IconButton>
      <IconButton label={labels.remove} disabled={!canRemove} onClick={onRemove}>
        <CloseIcon />
      </IconButton>
    </span>
  );
}
