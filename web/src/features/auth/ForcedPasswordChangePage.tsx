import type { MeResponse } from '@cerise/common';
import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { t } from '../../app/i18n/t.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { requestTitleFocus } from '../../ui/page-focus.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { PasswordChangeForm } from '../account/PasswordChangeForm.tsx';
import { ME_KEY } from './auth.api.ts';
import { useLoginPassword } from './login-password.tsx';

/**
 * Shown instead of every page while the user still has the initial password. The password
 * typed at login is reused; after a reload it is no longer known and the form asks for it.
 */
export function ForcedPasswordChangePage() {
  const queryClient = useQueryClient();
  const { password, remember } = useLoginPassword();

  const onSuccess = () => {
    remember(null);
    // The requested page replaces this one: its title takes focus.
    requestTitleFocus();
    queryClient.setQueryData<MeResponse | null>(ME_KEY, (me) =>
      me ? { ...me, user: { ...me.user, mustChangePassword: false } } : me,
    );
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    notifySuccess(t('auth.forcedChange.success'));
  };

  return (
    <>
      <PageTitle documentTitle={t('auth.forcedChange.documentTitle')}>{t('auth.forcedChange.title')}</PageTitle>
      <Text mb="sm">{t('auth.forcedChange.intro')}</Text>
      {!password && <Text mb="sm">{t('auth.forcedChange.currentMissing')}</Text>}
      <PasswordChangeForm
        knownCurrentPassword={password}
        submitLabel={t('auth.forcedChange.submit')}
        onSuccess={onSuccess}
      />
    </>
  );
}
