import type { Row } from "../rows/directoryRows";
import { definitionOf, type TemplateMethods, toTemplate } from "../rows/templateRows";

type Query = (sql: string, values?: unknown[]) => Promise<Row[]>;

/** An exchange's own templates in PostgreSQL (table `templates`, schema step 2). */
export function postgresTemplates(query: Query): TemplateMethods {
  return {
    async createTemplate(exchangeId, template) {
      await query(
        "INSERT INTO templates (id, exchange_id, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)",
        [template.id, exchangeId, definitionOf(template), template.createdAt, template.updatedAt],
      );
    },
    async getTemplate(exchangeId, templateId) {
      const [row] = await query("SELECT * FROM templates WHERE id = $1 AND exchange_id = $2", [
        templateId,
        exchangeId,
      ]);
      return row ? toTemplate(row) : null;
    },
    async listTemplates(exchangeId) {
      const rows = await query("SELECT * FROM templates WHERE exchange_id = $1 ORDER BY created_at, id", [
        exchangeId,
      ]);
      return rows.map(toTemplate);
    },
    async updateTemplate(exchangeId, template) {
      const rows = await query(
        "UPDATE templates SET definition = $1, updated_at = $2 WHERE id = $3 AND exchange_id = $4 RETURNING id",
        [definitionOf(template), template.updatedAt, template.id, exchangeId],
      );
      return rows.length > 0;
    },
    async deleteTemplate(exchangeId, templateId) {
      const rows = await query("DELETE FROM templates WHERE id = $1 AND exchange_id = $2 RETURNING id", [
        templateId,
        exchangeId,
      ]);
      return rows.length > 0;
    },
  };
}
