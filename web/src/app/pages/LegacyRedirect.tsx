import { Navigate, useLocation } from 'react-router';
import { modernPathname } from '../legacy-paths.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** An old (English) module address: the same page at its French address, query and anchor kept. */
export function LegacyRedirect() {
  const { pathname, search, hash } = useLocation();
  const modern = modernPathname(pathname);
  if (modern === null) return <NotFoundPage inEstablishment />;
  return <Navigate replace to={{ pathname: modern, search, hash }} />;
}
