import { type Request, type Response, Router } from "express";
import type { ApiErrorBody } from "../../../shared/api/errors";
import type { TemplateList } from "../../../shared/api/responses";
import { duplicateBuiltInSchema, importTemplateSchema } from "../../../shared/api/schemas";
import {
  checkTemplateBody,
  parseTemplateFile,
  type ReflectionTemplate,
  type StoredTemplate,
  type TemplateProblem,
  templateFileName,
  templateFileText,
} from "../../../shared/templates/templateSchema";
import { builtInTemplates, findBuiltInTemplate } from "../../templates/builtIns";
import { templateDefinition } from "../../templates/templateDocument";
import type { ApiContext } from "./ApiContext";
import { ApiError, notFound, parse } from "./ApiError";
import { requireAction, requireMember } from "./session";

/** An exchange keeps at most this many templates of its own (a gallery, not an archive). */
export const MAX_TEMPLATES_PER_EXCHANGE = 200;

/** Every problem of a refused template at once, so the editor or the import dialog can show each. */
function refuse(response: Response, problems: TemplateProblem[]): void {
  response.status(400).json({ error: "invalidTemplate", problems } satisfies ApiErrorBody);
}

/**
 * An exchange's reflection templates: everyone in the exchange reads them (and the built-in ones) and
 * exports them; facilitators create, duplicate, edit, import and delete them. Documents made from a
 * template keep their own copy, so none of this changes an existing document.
 */
export function templateRoutes(ctx: ApiContext): Router {
  const router = Router();
  const base = "/api/exchanges/:exchangeId/templates";
  const exchangeOf = (request: Request) => request.params.exchangeId as string;

  async function store(exchangeId: string, body: Omit<ReflectionTemplate, "id">): Promise<StoredTemplate> {
    if ((await ctx.directory.listTemplates(exchangeId)).length >= MAX_TEMPLATES_PER_EXCHANGE) {
      throw new ApiError(409, "conflict");
    }
    const at = ctx.now();
    const template: StoredTemplate = {
      ...templateDefinition({ ...body, id: ctx.newId() }),
      createdAt: at,
      updatedAt: at,
    };
    await ctx.directory.createTemplate(exchangeId, template);
    return template;
  }

  router.get(base, requireMember(ctx), requireAction("template.read"), async (request, response) => {
    const custom = await ctx.directory.listTemplates(exchangeOf(request));
    response.json({ builtIn: [...builtInTemplates()], custom } satisfies TemplateList);
  });

  router.post(base, requireMember(ctx), requireAction("template.manage"), async (request, response) => {
    const body = request.body as unknown;
    if (body && typeof body === "object" && "fromBuiltIn" in body) {
      const { fromBuiltIn } = parse(duplicateBuiltInSchema, body);
      const source = findBuiltInTemplate(fromBuiltIn);
      if (!source) throw notFound();
      response.status(201).json(await store(exchangeOf(request), source));
      return;
    }
    const checked = checkTemplateBody(body);
    if (!checked.ok) return refuse(response, checked.problems);
    response.status(201).json(await store(exchangeOf(request), checked.template));
  });

  // Before `/:templateId` routes: "import" is a path segment here, not a template id.
  router.post(
    `${base}/import`,
    requireMember(ctx),
    requireAction("template.manage"),
    async (request, response) => {
      const { file } = parse(importTemplateSchema, request.body);
      const parsed = parseTemplateFile(file);
      if (!parsed.ok) return refuse(response, parsed.problems);
      // The file's id was another exchange's (or a built-in's): an imported template is this exchange's own.
      response.status(201).json(await store(exchangeOf(request), parsed.template));
    },
  );

  router.put(
    `${base}/:templateId`,
    requireMember(ctx),
    requireAction("template.manage"),
    async (request, response) => {
      const exchangeId = exchangeOf(request);
      const existing = await ctx.directory.getTemplate(exchangeId, request.params.templateId as string);
      if (!existing) throw notFound();
      const checked = checkTemplateBody(request.body);
      if (!checked.ok) return refuse(response, checked.problems);
      const template: StoredTemplate = {
        ...templateDefinition({ ...checked.template, id: existing.id }),
        createdAt: existing.createdAt,
        updatedAt: Math.max(ctx.now(), existing.updatedAt),
      };
      if (!(await ctx.directory.updateTemplate(exchangeId, template))) throw notFound();
      response.json(template);
    },
  );

  router.delete(
    `${base}/:templateId`,
    requireMember(ctx),
    requireAction("template.manage"),
    async (request, response) => {
      const deleted = await ctx.directory.deleteTemplate(
        exchangeOf(request),
        request.params.templateId as string,
      );
      if (!deleted) throw notFound();
      response.status(204).end();
    },
  );

  router.get(
    `${base}/:templateId/export`,
    requireMember(ctx),
    requireAction("template.read"),
    async (request, response) => {
      const id = request.params.templateId as string;
      const template = findBuiltInTemplate(id) ?? (await ctx.directory.getTemplate(exchangeOf(request), id));
      if (!template) throw notFound();
      response
        .status(200)
        .set("Content-Type", "application/json; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${templateFileName(template)}"`)
        .send(templateFileText(template));
    },
  );

  return router;
}
