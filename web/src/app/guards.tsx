import type { ModuleId } from '@cerise/common';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { useCurrentUser } from './current-user.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { ForbiddenPage } from './pages/ForbiddenPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

const UAI_PATTERN = /^\d{7}[A-Za-z]$/;

/** `/:uai/*`: a UAI is 7 digits and a letter, written in upper case in addresses. */
export function UaiGuard() {
  const { uai = '' } = useParams();
  const location = useLocation();
  if (!UAI_PATTERN.test(uai)) {
    return (
      <PublicLayout>
        <NotFoundPage />
      </PublicLayout>
    );
  }
  if (uai !== uai.toUpperCase()) {
    const rest = location.pathname.slice(uai.length + 1);
    return <Navigate to={`/${uai.toUpperCase()}${rest}${location.search}`} replace />;
  }
  return <Outlet />;
}

/** A module's pages are shown only to users whose profiles include the module. */
export function ModuleGate({ module }: { module: ModuleId }) {
  const { user } = useCurrentUser();
  if (!user.modules.includes(module)) return <ForbiddenPage module={module} />;
  return <Outlet />;
}
