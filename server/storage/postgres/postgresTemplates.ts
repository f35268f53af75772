import type { ReflectionTemplate, StoredTemplate } from "../../../shared/templates/templateSchema";
import type { DirectoryStorage } from "../DirectoryStorage";

type Row = Record<string, unknown>;
type Query = (sql: string, values?: unknown[]) => Promise<Row[]>;
type TemplateMethods = Pick<
  DirectoryStorage,
  "createTemplate" | "getTemplate" | "listTemplates" | "updateTemplate" | "deleteTemplate"
>;

/** The definition is stored as it was validated, without the fields the row already holds (as in SQLite). */
function definitionOf(template: StoredTemplate): string {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...definition } = template;
  return JSON.stringify(definition);
}

const toTemplate = (r: Row): StoredTemplate => ({
  ...(JSON.parse(r.definition as string) as Omit<ReflectionTemplate, "id">),
  id: r.id as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

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
