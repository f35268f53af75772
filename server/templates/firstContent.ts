import type { DocumentKind } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import { TEMPLATE_KINDS } from "../../shared/templates/templateSchema";
import type { ApiContext } from "../http/api/ApiContext";
import { ApiError } from "../http/api/ApiError";
import { findBuiltInTemplate } from "./builtIns";
import { templateDocumentUpdate } from "./templateDocument";

/**
 * Writes a new document's sections from a template (built-in, or this exchange's own) as its first stored
 * update, before the document's record exists: nobody can open it in between, and a failure leaves no
 * document without its sections. Pairs come from the exchange's delegations as they are now.
 * Returns the template's id, for the document's record.
 */
export async function writeTemplateContent(
  ctx: ApiContext,
  document: { exchangeId: string; id: string; kind: DocumentKind },
  templateId: string,
): Promise<string> {
  const invalid = () => new ApiError(400, "validation_failed", { templateId: "invalid" });
  // Agendas and notes have layouts of their own.
  if (!(TEMPLATE_KINDS as readonly string[]).includes(document.kind)) throw invalid();
  const template =
    findBuiltInTemplate(templateId) ?? (await ctx.directory.getTemplate(document.exchangeId, templateId));
  if (!template) throw invalid();
  const delegations = await ctx.directory.listDelegations(document.exchangeId);
  const room = formatRoomName({ exchangeId: document.exchangeId, documentId: document.id });
  await ctx.writeFirstContent(room, templateDocumentUpdate(template, delegations));
  return template.id;
}
