import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateUserRequestSchema,
  CreateUserResponseSchema,
  DivisionListResponseSchema,
  ErrorWithDetailsResponseSchema,
  LoginPreviewRequestSchema,
  LoginPreviewResponseSchema,
  UpdateUserRequestSchema,
  UserIdParamsSchema,
  UserListQuerySchema,
  UserListResponseSchema,
  UserPasswordResetResponseSchema,
  AdminPasswordResetRequestSchema,
  UserSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { currentUser } from '../../http/guard.ts';
import { requestContext } from '../../http/request-context.ts';
import * as actions from './users.actions.usecases.ts';
import * as usecases from './users.admin.usecases.ts';
import { listUsers } from './users.list.usecases.ts';

const tags = ['users'];
const auth = { profiles: ['administrator' as const] };
const errors = { 400: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };

/** Gestion des utilisateurs (docs/guide.md §3.2), and the division pickers. */
export async function usersRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Liste paginée des utilisateurs (recherche, profil, classe, comptes masqués)',
        querystring: UserListQuerySchema,
        response: { 200: UserListResponseSchema, 400: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => listUsers(deps, currentUser(request), request.query),
  );

  r.post(
    '/api/v1/users',
    {
      config: { auth },
      schema: {
        tags,
        summary: '« Nouvel enseignant », « Nouvel utilisateur » : création manuelle (deux courriels)',
        body: CreateUserRequestSchema,
        response: { 201: CreateUserResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await usecases.createUser(deps, requestContext(request, deps), request.body);
      return reply.code(201).send(result);
    },
  );

  r.post(
    '/api/v1/users/login-preview',
    {
      config: { auth },
      schema: {
        tags,
        summary: "L'identifiant qu'aurait un nouveau compte à ce nom",
        body: LoginPreviewRequestSchema,
        response: { 200: LoginPreviewResponseSchema, 400: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.previewLogin(deps, currentUser(request), request.body),
  );

  r.get(
    '/api/v1/users/:id',
    {
      config: { auth },
      schema: { tags, summary: 'Un utilisateur (formulaire de modification)', params: UserIdParamsSchema, response: { 200: UserSchema, ...errors } },
    },
    async (request) => usecases.getUser(deps, currentUser(request), request.params.id),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Modifier un utilisateur (champs envoyés seulement ; version obligatoire)',
        params: UserIdParamsSchema,
        body: UpdateUserRequestSchema,
        response: { 200: UserSchema, ...errors },
      },
    },
    async (request) => usecases.updateUser(deps, requestContext(request, deps), request.params.id, request.body),
  );

  r.post(
    '/api/v1/users/:id/password-reset',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Réinitialiser le mot de passe (aléatoire) : par deux courriels, ou rendu une fois pour une lettre (par défaut : courriel si l’adresse est connue)',
        params: UserIdParamsSchema,
        body: AdminPasswordResetRequestSchema.nullish(),
        response: { 200: UserPasswordResetResponseSchema, ...errors },
      },
    },
    async (request) => actions.resetUserPassword(deps, requestContext(request, deps), request.params.id, request.body?.delivery),
  );

  r.post(
    '/api/v1/users/:id/hide',
    {
      config: { auth },
      schema: { tags, summary: 'Masquer un utilisateur créé manuellement', params: UserIdParamsSchema, response: { 200: UserSchema, ...errors } },
    },
    async (request) => actions.hideUser(deps, requestContext(request, deps), request.params.id),
  );

  r.post(
    '/api/v1/users/:id/restore',
    {
      config: { auth },
      schema: { tags, summary: 'Restaurer un compte masqué créé manuellement', params: UserIdParamsSchema, response: { 200: UserSchema, ...errors } },
    },
    async (request) => actions.restoreUser(deps, requestContext(request, deps), request.params.id),
  );

  r.get(
    '/api/v1/divisions',
    {
      config: { auth: { profiles: ['administrator', 'teacher'] } },
      schema: { tags: ['divisions'], summary: "Divisions et groupes de l'année scolaire en cours", response: { 200: DivisionListResponseSchema } },
    },
    async (request) => usecases.listDivisions(deps, currentUser(request)),
  );
}
