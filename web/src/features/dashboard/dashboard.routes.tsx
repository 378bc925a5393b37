import type { RouteObject } from 'react-router';
import { ModulePlaceholderPage } from '../../app/pages/ModulePlaceholderPage.tsx';

/** The pages of the dashboard module, relative to its module path (see app/routes.tsx). */
export const dashboardRoutes: RouteObject[] = [{ index: true, element: <ModulePlaceholderPage module="dashboard" /> }];
