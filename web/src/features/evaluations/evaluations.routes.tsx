import type { RouteObject } from 'react-router';
import { ModulePlaceholderPage } from '../../app/pages/ModulePlaceholderPage.tsx';

/** The pages of the evaluations module, relative to its module path (see app/routes.tsx). */
export const evaluationsRoutes: RouteObject[] = [{ index: true, element: <ModulePlaceholderPage module="evaluations" /> }];
