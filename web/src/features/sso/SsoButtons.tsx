import { Button, Divider, Stack } from '@mantine/core';
import { IconLogin2 } from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';
import { usePublicProviders } from './sso.api.ts';

/** « Se connecter avec l'ENT / ÉduConnect »: one button per enabled provider, above the local form (docs/sso.md). */
export function SsoButtons({ uai }: { uai: string }) {
  const providers = usePublicProviders(uai);
  const list = providers.data?.providers ?? [];
  if (list.length === 0) return null;
  return (
    <nav aria-label={t('sso.login.buttonsLabel')}>
      <Stack gap="sm" mb="md">
        {list.map((p) => (
          // A full-page navigation: the provider's login page, then back through the callback.
          <Button key={p.id} component="a" href={p.loginUrl} size="md" variant="filled" leftSection={<IconLogin2 aria-hidden="true" size={20} />}>
            {t('sso.login.button', { label: p.label })}
          </Button>
        ))}
      </Stack>
      <Divider label={t('sso.login.or')} labelPosition="center" mb="md" />
    </nav>
  );
}
