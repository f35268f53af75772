import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { TemplateList } from "../../../shared/api/responses";
import type { ReflectionTemplate, TemplateKind } from "../../../shared/templates/templateSchema";
import { useErrorText } from "../../api/useErrorText";
import type { Resource } from "../../api/useResource";
import { Loading } from "../../layout/LoadStates";
import { formatHoursAndMinutes } from "../../time/formatDuration";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Button } from "../../ui/Button";
import { useTemplateText } from "./templateText";
import "./templates.css";

/** The value of the gallery when no template is chosen. */
export const BLANK = "";

// A card lists this many of a template's sections, then says how many more it has.
const SECTIONS_SHOWN = 4;

/**
 * "Start from": a blank document or one of the templates of the chosen kind (built-in, then the
 * exchange's own), each card with its purpose, its sections and how long a run of it usually takes.
 */
export function TemplateGallery({
  kind,
  templates,
  value,
  onChange,
  onRetry,
}: {
  kind: TemplateKind;
  templates: Resource<TemplateList>;
  value: string;
  onChange: (templateId: string, template: ReflectionTemplate | null) => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation(["templates", "errors"]);
  const errorText = useErrorText();
  const ofKind = (list: ReflectionTemplate[]) => list.filter((template) => template.kind === kind);
  return (
    <fieldset className="template-gallery">
      <legend className="template-gallery__legend">{t("templates:gallery.legend")}</legend>
      <div className="template-gallery__grid">
        <label className="template-option template-option--blank">
          <input
            type="radio"
            name="template"
            className="template-option__radio"
            checked={value === BLANK}
            onChange={() => onChange(BLANK, null)}
          />
          <span className="template-option__name">{t("templates:gallery.blank")}</span>
          <span className="template-option__purpose">{t("templates:gallery.blankBody")}</span>
        </label>
        {templates.state === "ready"
          ? [
              ...ofKind(templates.data.builtIn).map((template) => ({ template, own: false })),
              ...ofKind(templates.data.custom).map((template) => ({ template, own: true })),
            ].map(({ template, own }) => (
              <TemplateOption
                key={template.id}
                template={template}
                own={own}
                checked={value === template.id}
                onSelect={() => onChange(template.id, template)}
              />
            ))
          : null}
      </div>
      {templates.state === "loading" ? <Loading label={t("templates:gallery.loading")} /> : null}
      {templates.state === "failed" ? (
        <div className="template-gallery__failed" role="alert">
          <p>{errorText.failure(templates.failure)}</p>
          <Button onClick={onRetry}>{t("templates:gallery.retry")}</Button>
        </div>
      ) : null}
    </fieldset>
  );
}

function TemplateOption({
  template,
  own,
  checked,
  onSelect,
}: {
  template: ReflectionTemplate;
  own: boolean;
  checked: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation("templates");
  const { pick } = useTemplateText();
  const locale = useFormatLocale();
  const name = pick(template.name);
  const purpose = pick(template.purpose);
  const shown = template.sections.slice(0, SECTIONS_SHOWN);
  const more = template.sections.length - shown.length;
  // Named by the template's name alone; the rest of the card describes it.
  const id = useId();
  return (
    <label className="template-option">
      <input
        type="radio"
        name="template"
        className="template-option__radio"
        checked={checked}
        onChange={onSelect}
        aria-labelledby={`${id}-name`}
        aria-describedby={`${id}-about`}
      />
      <span
        id={`${id}-name`}
        className="template-option__name"
        lang={name.fallback ? name.language : undefined}
      >
        {name.text}
      </span>
      <span id={`${id}-about`} className="template-option__about">
        <span className="template-option__meta">
          {t(own ? "gallery.metaOwn" : "gallery.meta", {
            duration: t("gallery.runTime", {
              duration: formatHoursAndMinutes(template.durationMinutes, locale),
            }),
            sections: t("gallery.sectionCount", { count: template.sections.length }),
          })}
        </span>
        {purpose.text ? (
          <span className="template-option__purpose" lang={purpose.fallback ? purpose.language : undefined}>
            {purpose.text}
          </span>
        ) : null}
        <span className="template-option__sections">
          {shown.map((section) => {
            const prompt = pick(section.prompt);
            return (
              <span
                key={section.id}
                className="template-option__section"
                lang={prompt.fallback ? prompt.language : undefined}
              >
                {prompt.text}
              </span>
            );
          })}
          {more > 0 ? (
            <span className="template-option__more">{t("gallery.moreSections", { count: more })}</span>
          ) : null}
        </span>
      </span>
    </label>
  );
}
