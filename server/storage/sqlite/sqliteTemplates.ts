import type { Statement } from "better-sqlite3";
import type { Row } from "../rows/directoryRows";
import { definitionOf, type TemplateMethods, toTemplate } from "../rows/templateRows";

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
