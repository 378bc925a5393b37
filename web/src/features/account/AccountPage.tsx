import { SimpleGrid, Text } from '@mantine/core';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { ChangeEmailForm } from './ChangeEmailForm.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

/** `/:uai/compte`: « Mon compte » (docs/guide.md §2.2). */
export function AccountPage() {
  const { user } = useCurrentUser();
  const profiles = user.profiles.map((p) => t(`profiles.${p}`)).join(', ');

  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>

      <SectionCard id="account-details" title={t('account.detailsTitle')} titleMb="md" mb="xl">
        <SimpleGrid component="dl" className="details-list" cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="sm">
          <div>
            <dt>{t('account.login')}</dt>
            <dd>{user.login}</dd>
          </div>
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{`${user.firstName} ${user.lastName}`}</dd>
          </div>
          <div>
            <dt>{t('account.profiles')}</dt>
            <dd>{profiles}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{user.email ?? t('account.emailMissing')}</dd>
          </div>
        </SimpleGrid>
        {!user.email && (
          <Text size="sm" mt="xs">
            {t('account.emailHint')}
          </Text>
        )}
      </SectionCard>

      <SectionCard id="account-email" title={t('account.emailForm.title')} titleMb="md" mb="xl">
        <ChangeEmailForm />
      </SectionCard>

      <SectionCard id="account-password" title={t('account.passwordForm.title')} titleMb="md" mb={0}>
        <PasswordChangeForm
          submitLabel={t('account.passwordForm.submit')}
          onSuccess={() => notifySuccess(t('account.passwordForm.success'))}
        />
      </SectionCard>
    </>
  );
}
