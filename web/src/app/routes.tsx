import { MODULE_PATHS, MODULES, type ModuleId } from '@cerise/common';
import type { RouteObject } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { EstablishmentChooserPage } from '../features/auth/EstablishmentChooserPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { MODULES_IN_PREPARATION } from '../features/home/module-tiles.ts';
import { ModulePlaceholderPage } from './pages/ModulePlaceholderPage.tsx';
import { ModuleGate, UaiGuard } from './guards.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import { scenariosRoutes } from '../features/scenarios/scenarios.routes.tsx';
import { evaluationsRoutes } from '../features/evaluations/evaluations.routes.tsx';
import { passportRoutes } from '../features/passport/passport.routes.tsx';
import { dashboardRoutes } from '../features/dashboard/dashboard.routes.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { LegacyRedirect } from './pages/LegacyRedirect.tsx';
import { LEGACY_PATHS } from './legacy-paths.ts';

/**
 * The pages of each module, relative to `/:uai/<MODULE_PATHS[module]>` (French addresses). The module gate
 * (profiles) and the signed-in layout are already around them.
 *
 * A module replaces its placeholder with its own pages from `features/<domain>/`, loaded
 * on demand, for example:
 *
 *   evaluations: [
 *     { index: true, lazy: async () => ({ Component: (await import('../features/evaluations/EvaluationListPage.tsx')).EvaluationListPage }) },
 *     { path: ':evaluationId', lazy: async () => ({ Component: (await import('../features/evaluations/EvaluationPage.tsx')).EvaluationPage }) },
 *   ],
 */
const MODULE_ROUTES: Record<ModuleId, RouteObject[]> = {
  imports: [
    { index: true, lazy: async () => ({ Component: (await import('../features/imports/ImportsPage.tsx')).ImportsPage }) },
    { path: ':runId', lazy: async () => ({ Component: (await import('../features/imports/ImportRunPage.tsx')).ImportRunPage }) },
  ],
  users: [{ index: true, lazy: async () => ({ Component: (await import('../features/users/UsersPage.tsx')).UsersPage }) }],
  access: [{ index: true, lazy: async () => ({ Component: (await import('../features/access/AccessPage.tsx')).AccessPage }) }],
  settings: [
    { index: true, lazy: async () => ({ Component: (await import('../features/settings/SettingsPage.tsx')).SettingsPage }) },
    // Journal des actions and Courriels: reached from Paramètres and from Gestion des utilisateurs.
    { path: 'journal', lazy: async () => ({ Component: (await import('../features/audit/AuditPage.tsx')).AuditPage }) },
    { path: 'courriels', lazy: async () => ({ Component: (await import('../features/mails/MailsPage.tsx')).MailsPage }) },
    { path: 'connexion-ent', lazy: async () => ({ Component: (await import('../features/sso/SsoSettingsPage.tsx')).SsoSettingsPage }) },
    { path: 'connexion-ent/import', lazy: async () => ({ Component: (await import('../features/sso/IdentityImportPage.tsx')).IdentityImportPage }) },
    // Référentiels: reached from Paramètres.
    { path: 'referentiels', lazy: async () => ({ Component: (await import('../features/referentials/editor/ReferentialListPage.tsx')).ReferentialListPage }) },
    {
      path: 'referentiels/:referentialId',
      lazy: async () => ({ Component: (await import('../features/referentials/editor/ReferentialEditorPage.tsx')).ReferentialEditorPage }),
    },
  ],
  // The teaching modules: each owns its route list in features/<module>/<module>.routes.tsx.
  scenarios: scenariosRoutes,
  evaluations: evaluationsRoutes,
  passport: passportRoutes,
  dashboard: dashboardRoutes,
};

/** The route table of the whole application. */
export const routes: RouteObject[] = [
  {
    errorElement: <ErrorPage />,
    children: [
      {
        path: '/',
        element: <PublicLayout />,
        children: [{ index: true, element: <EstablishmentChooserPage /> }],
      },
      {
        path: '/:uai',
        element: <UaiGuard />,
        children: [
          {
            element: <PublicLayout />,
            children: [
              { index: true, element: <LoginPage /> },
              // Mot de passe oublié: the request form and the page of the mailed link.
              {
                path: 'mot-de-passe-oublie',
                lazy: async () => ({ Component: (await import('../features/password-reset/ForgotPasswordPage.tsx')).ForgotPasswordPage }),
              },
              // Connexion par l'ENT: the choice between several accounts, or the refusal (docs/sso.md).
              { path: 'connexion-ent', lazy: async () => ({ Component: (await import('../features/sso/SsoPendingPage.tsx')).SsoPendingPage }) },
              {
                path: 'reinitialisation/:token',
                lazy: async () => ({ Component: (await import('../features/password-reset/ResetPasswordPage.tsx')).ResetPasswordPage }),
              },
            ],
          },
          // The former English addresses (bookmarks, old links) lead to the French ones.
          ...LEGACY_PATHS.map((legacy): RouteObject => ({ path: `${legacy}/*`, element: <LegacyRedirect /> })),
          {
            element: <AppLayout />,
            children: [
              { path: 'accueil', element: <HomePage /> },
              { path: 'compte', element: <AccountPage /> },
              ...MODULES.map(
                (module): RouteObject => ({
                  path: MODULE_PATHS[module],
                  element: <ModuleGate module={module} />,
                  children: [
                    ...(MODULES_IN_PREPARATION.includes(module) ? [{ index: true, element: <ModulePlaceholderPage module={module} /> }] : MODULE_ROUTES[module]),
                    { path: '*', element: <NotFoundPage inEstablishment /> },
                  ],
                }),
              ),
              { path: '*', element: <NotFoundPage inEstablishment /> },
            ],
          },
        ],
      },
      { path: '*', element: <PublicLayout />, children: [{ path: '*', element: <NotFoundPage /> }] },
    ],
  },
];
