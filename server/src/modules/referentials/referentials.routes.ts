import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddCompetencyItemRequestSchema,
  COMPETENCY_ITEM_LISTS,
  CompetencySchema,
  ErrorResponseSchema,
  ImportReferentialQuerySchema,
  ImportReportSchema,
  ReferentialDocumentSchema,
  ReferentialErrorResponseSchema,
  ReferentialListResponseSchema,
  ReferentialTreeSchema,
  ReorderCompetencyItemsRequestSchema,
  UpdateCompetencyItemRequestSchema,
  UpdateCompetencyRequestSchema,
  VersionQuerySchema,
  errorMessage,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { currentUser } from '../../http/guard.ts';
import { requestContext } from '../../http/request-context.ts';
import { AppError } from '../../http/errors.ts';
import * as editor from './referentials.editor.usecases.ts';
import * as exchange from './referentials.exchange.usecases.ts';
import { EDIT_PROFILES, READ_PROFILES } from './referentials.policy.ts';
import * as usecases from './referentials.usecases.ts';

const tags = ['referentials'];
const BASE = '/api/v1/referentials';
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

const IdSchema = z.string().min(1).max(64);
const ReferentialParams = z.object({ id: IdSchema });
const CompetencyParams = ReferentialParams.extend({ competencyId: IdSchema });
const ItemParams = CompetencyParams.extend({ itemId: IdSchema });

const read = { auth: { profiles: READ_PROFILES } };
const edit = { auth: { profiles: EDIT_PROFILES } };
const editErrors = { 400: ReferentialErrorResponseSchema, 404: ErrorResponseSchema, 409: ReferentialErrorResponseSchema };

/** `If-None-Match` (weak comparison, RFC 9110 §13.1.2) against the current ETag. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** « Erreur à la ligne 3, colonne 7. » from a JSON.parse message that gives a position, when it does. */
function jsonErrorWhere(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` Erreur à la ligne ${line}, colonne ${column}.`;
}

export async function referentialRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    BASE,
    {
      config: read,
      schema: { tags, summary: "Référentiels de l'établissement", response: { 200: ReferentialListResponseSchema } },
    },
    async (request) => usecases.listReferentials(deps, currentUser(request)),
  );

  r.get(
    `${BASE}/:id/tree`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Arbre complet du référentiel (ETag fort ; If-None-Match → 304)',
        params: ReferentialParams,
        response: { 200: ReferentialTreeSchema, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      reply.header('cache-control', 'private, no-cache');
      // The tag covers the elements' uses (`inUse`), so it is computed with the tree; a 304 still
      // saves sending it.
      const { tree, etag } = await usecases.getTree(deps, user, request.params.id);
      if (etagMatches(request.headers['if-none-match'], etag)) {
        // 304 has no body, hence no response schema: the untyped reply sends it as is.
        return (reply as FastifyReply).code(304).header('etag', etag).send();
      }
      reply.header('etag', etag);
      return tree;
    },
  );

  r.get(
    `${BASE}/:id/competencies/:competencyId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Une compétence, ses complexités et ses aléas',
        params: CompetencyParams,
        response: { 200: CompetencySchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => usecases.getCompetency(deps, currentUser(request), request.params.id, request.params.competencyId),
  );

  r.patch(
    `${BASE}/:id/competencies/:competencyId`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Marquer ou non une compétence « à compléter »',
        params: CompetencyParams,
        body: UpdateCompetencyRequestSchema,
        response: { 200: CompetencySchema, ...editErrors },
      },
    },
    async (request) => {
      const { id, competencyId } = request.params;
      return editor.updateCompetency(deps, requestContext(request, deps), { referentialId: id, competencyId }, request.body);
    },
  );

  for (const list of COMPETENCY_ITEM_LISTS) {
    const name = list === 'complexities' ? 'une complexité' : 'un aléa';
    const path = `${BASE}/:id/competencies/:competencyId/${list}`;

    r.post(
      path,
      {
        config: edit,
        schema: {
          tags,
          summary: `Ajouter ${name} (à la fin, ou à la position donnée)`,
          params: CompetencyParams,
          body: AddCompetencyItemRequestSchema,
          response: { 201: CompetencySchema, ...editErrors },
        },
      },
      async (request, reply) => {
        const { id, competencyId } = request.params;
        const competency = await editor.addItem(deps, requestContext(request, deps), { referentialId: id, competencyId }, list, request.body);
        return reply.code(201).send(competency);
      },
    );

    r.put(
      `${path}/order`,
      {
        config: edit,
        schema: {
          tags,
          summary: `Réordonner les ${list === 'complexities' ? 'complexités' : 'aléas'} (tous les identifiants, dans le nouvel ordre)`,
          params: CompetencyParams,
          body: ReorderCompetencyItemsRequestSchema,
          response: { 200: CompetencySchema, ...editErrors },
        },
      },
      async (request) => {
        const { id, competencyId } = request.params;
        return editor.reorderItems(deps, requestContext(request, deps), { referentialId: id, competencyId }, list, request.body);
      },
    );

    r.patch(
      `${path}/:itemId`,
      {
        config: edit,
        schema: {
          tags,
          summary: `Modifier l'intitulé d'${name.replace(/^une? /, '')}`,
          params: ItemParams,
          body: UpdateCompetencyItemRequestSchema,
          response: { 200: CompetencySchema, ...editErrors },
        },
      },
      async (request) => {
        const { id, competencyId, itemId } = request.params;
        return editor.renameItem(deps, requestContext(request, deps), { referentialId: id, competencyId }, list, itemId, request.body);
      },
    );

    r.delete(
      `${path}/:itemId`,
      {
        config: edit,
        schema: {
          tags,
          summary: `Supprimer ${name} inutilisé${list === 'complexities' ? 'e' : ''} (?version=N)`,
          params: ItemParams,
          querystring: VersionQuerySchema,
          response: { 200: CompetencySchema, ...editErrors },
        },
      },
      async (request) => {
        const { id, competencyId, itemId } = request.params;
        return editor.deleteItem(
          deps,
          requestContext(request, deps),
          { referentialId: id, competencyId },
          list,
          itemId,
          request.query.version,
        );
      },
    );
  }

  r.get(
    `${BASE}/:id/export`,
    {
      config: edit,
      schema: {
        tags,
        summary: "Exporter le référentiel (format d'échange, celui de l'import)",
        params: ReferentialParams,
        response: { 200: ReferentialDocumentSchema, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { document, filename } = await exchange.exportReferential(deps, currentUser(request), request.params.id);
      reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
      return document;
    },
  );

  // The import reads the file as sent: its own JSON parser turns a syntax error into a stable
  // code (and a line and column) instead of the generic validation error.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
      const text = String(body).replace(/^\uFEFF/, '');
      try {
        done(null, JSON.parse(text));
      } catch (error) {
        const where = jsonErrorWhere(text, error instanceof Error ? error.message : '');
        done(new AppError(400, 'referentials.import_invalid_json', `${errorMessage('referentials.import_invalid_json')}${where}`), undefined);
      }
    });

    scope.withTypeProvider<ZodTypeProvider>().post(
      `${BASE}/import`,
      {
        config: edit,
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Importer un référentiel (le fichier JSON est le corps ; ?dryRun=true pour analyser sans rien changer)',
          querystring: ImportReferentialQuerySchema,
          body: z.unknown().describe('Un référentiel exporté par Cerise Pro, ou le fichier source bacpro-ga.json'),
          response: { 200: ImportReportSchema, 400: ReferentialErrorResponseSchema, 409: ReferentialErrorResponseSchema },
        },
      },
      async (request) => exchange.importReferential(deps, requestContext(request, deps), request.body, request.query),
    );
  });
}
