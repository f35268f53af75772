import type { ReflectionTemplate, StoredTemplate } from "../../../shared/templates/templateSchema";
import type { DirectoryStorage } from "../DirectoryStorage";
import type { Row } from "./directoryRows";

/** The template methods of DirectoryStorage, which each backend implements in its own module. */
export type TemplateMethods = Pick<
  DirectoryStorage,
  "createTemplate" | "getTemplate" | "listTemplates" | "updateTemplate" | "deleteTemplate"
>;

/** The definition is stored as it was validated, without the fields the row already holds. */
export function definitionOf(template: StoredTemplate): string {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...definition } = template;
  return JSON.stringify(definition);
}

export const toTemplate = (r: Row): StoredTemplate => ({
  ...(JSON.parse(r.definition as string) as Omit<ReflectionTemplate, "id">),
  id: r.id as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});
