import type { RouteObject } from 'react-router';
import { ModulePlaceholderPage } from '../../app/pages/ModulePlaceholderPage.tsx';

/** The pages of the passport module, relative to its module path (see app/routes.tsx). */
export const passportRoutes: RouteObject[] = [{ index: true, element: <ModulePlaceholderPage module="passport" /> }];
