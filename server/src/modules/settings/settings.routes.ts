import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChangeSchoolYearRequestSchema,
  ErrorWithDetailsResponseSchema,
  SettingsResponseSchema,
  UpdateCalculationSettingsRequestSchema,
  UpdateEstablishmentDetailsRequestSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { currentUser } from '../../http/guard.ts';
import { requestContext } from '../../http/request-context.ts';
import * as usecases from './settings.usecases.ts';

const tags = ['settings'];
const auth = { profiles: ['administrator' as const] };

/** Paramètres (docs/guide.md §3.4): the establishment's details and the calculation settings. */
export async function settingsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/settings',
    {
      config: { auth },
      schema: { tags, summary: "Renseignements de l'établissement et paramètres de calcul", response: { 200: SettingsResponseSchema } },
    },
    async (request) => usecases.getSettings(deps, currentUser(request)),
  );

  r.put(
    '/api/v1/settings/establishment',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Enregistrer les renseignements de l'établissement (« Valider »)",
        body: UpdateEstablishmentDetailsRequestSchema,
        response: { 200: SettingsResponseSchema, 400: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.updateEstablishmentDetails(deps, requestContext(request, deps), request.body),
  );

  r.put(
    '/api/v1/settings/calculation',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Enregistrer la méthode de calcul, les seuils et ceux de l’aide à la décision CCF',
        body: UpdateCalculationSettingsRequestSchema,
        response: { 200: SettingsResponseSchema, 400: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.updateCalculationSettings(deps, requestContext(request, deps), request.body),
  );

  r.post(
    '/api/v1/settings/school-year',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Passer à l'année scolaire suivante (les écrans montrent alors les classes de cette année)",
        body: ChangeSchoolYearRequestSchema,
        response: { 200: SettingsResponseSchema, 400: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.changeSchoolYear(deps, requestContext(request, deps), request.body),
  );
}
