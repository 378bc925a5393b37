import { Container, Text } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import { t } from '../i18n/t.ts';

export const MAIN_ID = 'contenu';

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** Skip link, banner, <main> and footer: the frame of every page. */
export function Shell({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('app.skipLink')}
      </a>
      <header className="app-header">
        <Container size="lg" py="sm">
          {header}
        </Container>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="app-main">
        <Container size="lg">{children}</Container>
      </main>
      <footer className="app-footer">
        <Container size="lg">
          <Text size="sm" c="dimmed">
            {t('app.footer')}
          </Text>
        </Container>
      </footer>
    </>
  );
}
