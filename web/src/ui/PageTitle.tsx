import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { t } from '../app/i18n/t.ts';
import { shouldFocusTitle } from './page-focus.ts';

type PageTitleProps = Omit<TitleProps, 'order'> & {
  /** The page's name in the browser tab, when it differs from the heading. */
  documentTitle?: string;
};

/**
 * The page's single <h1>. It names the browser tab and, after a navigation inside the
 * application (not on the first load), receives focus so screen readers announce the new page.
 */
export function PageTitle({ documentTitle, children, ...props }: PageTitleProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const tabTitle = documentTitle ?? (typeof children === 'string' ? children : undefined);

  useEffect(() => {
    if (tabTitle) document.title = t('app.documentTitle', { title: tabTitle });
  }, [tabTitle]);

  useEffect(() => {
    if (shouldFocusTitle()) ref.current?.focus();
  }, [pathname]);

  return (
    <Title order={1} ref={ref} tabIndex={-1} mb="md" {...props}>
      {children}
    </Title>
  );
}
