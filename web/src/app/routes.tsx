import { MODULE_PATHS, MODULES, type ModuleId } from '@cerise/common';
import type { RouteObject } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { EstablishmentChooserPage } from '../features/auth/EstablishmentChooserPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ModuleGate, UaiGuard } from './guards.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import { ModulePlaceholderPage } from './pages/ModulePlaceholderPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

/**
 * The pages of each module, relative to `/:uai/<MODULE_PATHS[module]>`. The module gate
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
  imports: placeholder('imports'),
  users: placeholder('users'),
  access: placeholder('access'),
  settings: placeholder('settings'),
  scenarios: placeholder('scenarios'),
  evaluations: placeholder('evaluations'),
  passport: placeholder('passport'),
  dashboard: placeholder('dashboard'),
};

function placeholder(module: ModuleId): RouteObject[] {
  return [{ index: true, element: <ModulePlaceholderPage module={module} /> }];
}

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
          { element: <PublicLayout />, children: [{ index: true, element: <LoginPage /> }] },
          {
            element: <AppLayout />,
            children: [
              { path: 'accueil', element: <HomePage /> },
              { path: 'compte', element: <AccountPage /> },
              ...MODULES.map(
                (module): RouteObject => ({
                  path: MODULE_PATHS[module],
                  element: <ModuleGate module={module} />,
                  children: [...MODULE_ROUTES[module], { path: '*', element: <NotFoundPage inEstablishment /> }],
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
