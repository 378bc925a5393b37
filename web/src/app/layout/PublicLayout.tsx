import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { t } from '../i18n/t.ts';
import { Shell } from './Shell.tsx';

/** The frame of the pages seen before signing in. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <Shell header={<span className="app-brand">{t('app.name')}</span>}>{children ?? <Outlet />}</Shell>
  );
}
