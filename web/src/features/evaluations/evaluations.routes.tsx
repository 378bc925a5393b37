import type { RouteObject } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { EvaluationListPage } from './EvaluationListPage.tsx';
import { LearnerEvaluationsPage } from './LearnerEvaluationsPage.tsx';

/** Teachers see « Mes évaluations »; learners and parents the visible evaluations. */
function EvaluationsHome() {
  const me = useCurrentUser();
  return me.profiles.includes('teacher') ? <EvaluationListPage /> : <LearnerEvaluationsPage />;
}

/** The pages of the evaluations module, relative to its module path (see app/routes.tsx). */
export const evaluationsRoutes: RouteObject[] = [
  { index: true, element: <EvaluationsHome /> },
  { path: 'nouvelle', lazy: async () => ({ Component: (await import('./EvaluationEditorPage.tsx')).EvaluationEditorPage }) },
  { path: 'consulter/:evaluationId', lazy: async () => ({ Component: (await import('./LearnerEvaluationPage.tsx')).LearnerEvaluationPage }) },
  { path: ':evaluationId', lazy: async () => ({ Component: (await import('./EvaluationGridPage.tsx')).EvaluationGridPage }) },
  { path: ':evaluationId/modifier', lazy: async () => ({ Component: (await import('./EvaluationEditorPage.tsx')).EvaluationEditorPage }) },
];
