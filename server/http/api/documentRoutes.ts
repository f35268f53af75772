import { type Response, Router } from "express";
import type { DocumentView } from "../../../shared/api/responses";
import { createDocumentSchema, updateDocumentSchema } from "../../../shared/api/schemas";
import type { DocumentInfo } from "../../../shared/domain";
import { canOnDocument, roomAccess } from "../../../shared/permissions";
import { CloseCode } from "../../../shared/protocol/closeCodes";
import { isId } from "../../../shared/protocol/ids";
import { formatRoomName } from "../../../shared/protocol/roomName";
import { writeTemplateContent } from "../../templates/firstContent";
import type { ApiContext } from "./ApiContext";
import { forbidden, notFound, parse } from "./ApiError";
import { memberOf, requireMember } from "./session";

/** Document records of an exchange (their content lives in the live rooms). */
export function documentRoutes(ctx: ApiContext): Router {
  const router = Router();
  const base = "/api/exchanges/:exchangeId/documents";

  async function find(exchangeId: string, documentId: unknown): Promise<DocumentInfo> {
    const document = isId(documentId) ? await ctx.directory.getDocument(exchangeId, documentId) : null;
    if (!document) throw notFound();
    return document;
  }
  const role = (response: Response) => memberOf(response).role;

  router.post(base, requireMember(ctx), async (request, response) => {
    const input = parse(createDocumentSchema, request.body);
    if (!canOnDocument(role(response), input.kind, "document.create")) throw forbidden();
    const exchangeId = request.params.exchangeId as string;
    const id = ctx.newId();
    // From a template: its sections are stored first (see writeTemplateContent).
    const templateId =
      input.templateId === undefined
        ? undefined
        : await writeTemplateContent(ctx, { exchangeId, id, kind: input.kind }, input.templateId);
    const at = ctx.now();
    const document: DocumentInfo = {
      id,
      exchangeId,
      kind: input.kind,
      title: input.title,
      createdBy: memberOf(response).id,
      createdAt: at,
      updatedAt: at,
      archived: false,
      ...(templateId ? { templateId } : {}),
    };
    await ctx.directory.createDocument(document);
    response.status(201).json(document);
  });

  router.get(`${base}/:documentId`, requireMember(ctx), async (request, response) => {
    const document = await find(request.params.exchangeId as string, request.params.documentId);
    response.json({
      document,
      access: roomAccess(role(response), document.kind, document.archived),
    } satisfies DocumentView);
  });

  router.patch(`${base}/:documentId`, requireMember(ctx), async (request, response) => {
    const document = await find(request.params.exchangeId as string, request.params.documentId);
    const patch = parse(updateDocumentSchema, request.body);
    if (patch.title !== undefined && !canOnDocument(role(response), document.kind, "document.rename"))
      throw forbidden();
    if (patch.archived !== undefined && !canOnDocument(role(response), document.kind, "document.archive")) {
      throw forbidden();
    }
    await ctx.directory.updateDocument(document.id, patch, ctx.now());
    if (patch.archived !== undefined && patch.archived !== document.archived) {
      // Archiving makes the room read-only for everyone (and restoring makes it writable): reconnect all.
      const room = formatRoomName({ exchangeId: document.exchangeId, documentId: document.id });
      ctx.live.closeRoom(room, CloseCode.accessChanged, "document archived");
    }
    response.json(await ctx.directory.getDocument(document.exchangeId, document.id));
  });

  return router;
}
