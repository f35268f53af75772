import type { Statement } from "better-sqlite3";
import type { ReflectionTemplate, StoredTemplate } from "../../../shared/templates/templateSchema";
import type { DirectoryStorage } from "../DirectoryStorage";

type Row = { id: string; definition: string; created_at: number; updated_at: number };
type TemplateMethods = Pick<
  DirectoryStorage,
  "createTemplate" | "getTemplate" | "listTemplates" | "updateTemplate" | "deleteTemplate"
>;

/** The definition is stored as it was validated, without the fields the row already holds. */
function definitionOf(template: StoredTemplate): string {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...definition } = template;
  return JSON.stringify(definition);
}

const toTemplate = (r: Row): StoredTemplate => ({
  ...(JSON.parse(r.definition) as Omit<ReflectionTemplate, "id">),
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** An exchange's own templates in SQLite (table `templates`, migration of issue 30). */
export function sqliteTemplates(q: (sql: string) => Statement): TemplateMethods {
  return {
    async createTemplate(exchangeId, template) {
      q(
        "INSERT INTO templates (id, exchange_id, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      ).run(template.id, exchangeId, definitionOf(template), template.createdAt, template.updatedAt);
    },
    async getTemplate(exchangeId, templateId) {
      const row = q("SELECT * FROM templates WHERE id = ? AND exchange_id = ?").get(templateId, exchangeId) as
        | Row
        | undefined;
      return row ? toTemplate(row) : null;
    },
    async listTemplates(exchangeId) {
      const rows = q("SELECT * FROM templates WHERE exchange_id = ? ORDER BY created_at, id").all(exchangeId);
      return (rows as Row[]).map(toTemplate);
    },
    async updateTemplate(exchangeId, template) {
      const result = q(
        "UPDATE templates SET definition = ?, updated_at = ? WHERE id = ? AND exchange_id = ?",
      ).run(definitionOf(template), template.updatedAt, template.id, exchangeId);
      return result.changes > 0;
    },
    async deleteTemplate(exchangeId, templateId) {
      return (
        q("DELETE FROM templates WHERE id = ? AND exchange_id = ?").run(templateId, exchangeId).changes > 0
      );
    },
  };
}
