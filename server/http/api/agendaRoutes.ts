import { Router } from "express";
import { z } from "zod";
import { api } from "../../../shared/api/paths";
import { canOnDocument } from "../../../shared/permissions";
import { isId } from "../../../shared/protocol/ids";
import { formatRoomName } from "../../../shared/protocol/roomName";
import { readAgenda } from "../../../shared/schema/agendaSession";
import { dayOf } from "../../../shared/schema/agendaTime";
import { buildAgendaIcs } from "../../agenda/agendaIcs";
import { calendarFileName } from "../../agenda/calendarFileName";
import { type DocumentSource, readDocument } from "../../agenda/readDocument";
import type { ApiContext } from "./ApiContext";
import { forbidden, notFound, parse } from "./ApiError";
import { memberOf, requireMember } from "./session";

const querySchema = z
  .object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "invalid")
      .optional(),
    session: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "invalid")
      .optional(),
  })
  .strict()
  .refine((query) => !(query.day && query.session), { message: "invalid", path: ["day"] });

/**
 * GET the agenda (or one day of it in the exchange's home zone, or one session) as an .ics file,
 * built from the document as the server holds it. Whoever may read the document may download it.
 */
export function agendaRoutes(ctx: ApiContext, source: DocumentSource): Router {
  const router = Router();
  router.get(
    api.agendaCalendar(":exchangeId", ":documentId"),
    requireMember(ctx),
    async (request, response) => {
      const exchangeId = request.params.exchangeId as string;
      const documentId = request.params.documentId;
      const document = isId(documentId) ? await ctx.directory.getDocument(exchangeId, documentId) : null;
      if (document?.kind !== "agenda") throw notFound();
      if (!canOnDocument(memberOf(response).role, document.kind, "document.read")) throw forbidden();
      const query = parse(querySchema, request.query);
      const [exchange, participants, documents, doc] = await Promise.all([
        ctx.directory.getExchange(exchangeId),
        ctx.directory.listParticipants(exchangeId),
        ctx.directory.listDocuments(exchangeId),
        readDocument(source, formatRoomName({ exchangeId, documentId: document.id })),
      ]);
      if (!exchange) throw notFound();
      try {
        const agenda = readAgenda(doc);
        const sessions = agenda.sessions.filter(
          (session) =>
            (!query.day || dayOf(session.start, exchange.timeZone) === query.day) &&
            (!query.session || session.id === query.session),
        );
        if (query.session && sessions.length === 0) throw notFound();
        const origin = `${request.protocol}://${request.get("host") ?? "localhost"}`;
        const ics = buildAgendaIcs(sessions, {
          name: document.title,
          documentId: document.id,
          participantNames: new Map(participants.map((p) => [p.id, p.displayName])),
          documentTitles: new Map(documents.filter((d) => !d.archived).map((d) => [d.id, d.title])),
          documentUrl: (id) => `${origin}/x/${exchangeId}/d/${id}`,
          notes: agenda.notes,
          now: ctx.now(),
        });
        const name = calendarFileName(
          document.title,
          query.day ?? sessions[0]?.title ?? null,
          !!query.session,
        );
        response.set("Content-Type", "text/calendar; charset=utf-8");
        response.set(
          "Content-Disposition",
          `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.full)}`,
        );
        response.send(ics);
      } finally {
        doc.destroy();
      }
    },
  );
  return router;
}
