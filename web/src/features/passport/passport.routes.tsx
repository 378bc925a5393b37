import type { RouteObject } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { LearnerPassportPage } from './LearnerPassportPage.tsx';
import { PassportHomePage } from './PassportHomePage.tsx';
import { SituationFormPage } from './SituationFormPage.tsx';
import { SituationReviewPage } from './SituationReviewPage.tsx';

/** A situation: the learner edits their own; everyone else reads it (teachers review it). */
function SituationPage() {
  const { user } = useCurrentUser();
  return user.profiles.includes('learner') ? <SituationFormPage /> : <SituationReviewPage />;
}

/** The pages of the passport module, relative to its module path (see app/routes.tsx). */
export const passportRoutes: RouteObject[] = [
  { index: true, element: <PassportHomePage /> },
  { path: 'nouvelle', element: <SituationFormPage /> },
  { path: 'situations/:id', element: <SituationPage /> },
  { path: 'apprenants/:learnerId', element: <LearnerPassportPage /> },
];
