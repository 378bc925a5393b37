import type { RouteObject } from 'react-router';
import { DashboardPage } from './DashboardPage.tsx';

/** The pages of the dashboard module, relative to its module path (see app/routes.tsx). */
export const dashboardRoutes: RouteObject[] = [{ index: true, element: <DashboardPage /> }];
