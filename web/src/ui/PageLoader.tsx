import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { t } from '../app/i18n/t.ts';

/** A spinner with a spoken "loading" status. */
export function PageLoader() {
  return (
    <Center py="xl" role="status">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{t('app.loading')}</VisuallyHidden>
    </Center>
  );
}
