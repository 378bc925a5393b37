import type { RouteObject } from 'react-router';

/** The pages of the scenarios module, relative to its module path (see app/routes.tsx). */
export const scenariosRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./ScenarioListPage.tsx')).ScenarioListPage }) },
  { path: 'nouveau', lazy: async () => ({ Component: (await import('./ScenarioFormPage.tsx')).ScenarioCreatePage }) },
  { path: ':scenarioId', lazy: async () => ({ Component: (await import('./ScenarioPage.tsx')).ScenarioPage }) },
  { path: ':scenarioId/modifier', lazy: async () => ({ Component: (await import('./ScenarioFormPage.tsx')).ScenarioEditPage }) },
  { path: ':scenarioId/evaluer', lazy: async () => ({ Component: (await import('./ScenarioEvaluatePage.tsx')).ScenarioEvaluatePage }) },
];
