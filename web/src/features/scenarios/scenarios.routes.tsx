import type { RouteObject } from 'react-router';

/** The pages of the scenarios module, relative to its module path (see app/routes.tsx). */
export const scenariosRoutes: RouteObject[] = [
  // Until the scenarios module lands: « bientôt disponible » and a preview of the competency picker.
  { index: true, lazy: async () => ({ Component: (await import('../referentials/PickerPreviewPage.tsx')).PickerPreviewPage }) },
];
