import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ChangeEmailForm } from './ChangeEmailForm.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

/** `/:uai/compte`: « Mon compte » (guide § 2.2). */
export function AccountPage() {
  const { user } = useCurrentUser();
  const profiles = user.profiles.map((p) => t(`profiles.${p}`)).join(', ');

  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>

      <Paper withBorder p="lg" radius="md" mb="xl" component="section" aria-labelledby="account-details">
        <Title order={2} size="h3" mb="md" id="account-details">
          {t('account.detailsTitle')}
        </Title>
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
      </Paper>

      <Paper withBorder p="lg" radius="md" mb="xl" component="section" aria-labelledby="account-email">
        <Title order={2} size="h3" mb="md" id="account-email">
          {t('account.emailForm.title')}
        </Title>
        <ChangeEmailForm />
      </Paper>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="account-password">
        <Title order={2} size="h3" mb="md" id="account-password">
          {t('account.passwordForm.title')}
        </Title>
        <PasswordChangeForm
          submitLabel={t('account.passwordForm.submit')}
          onSuccess={() => notifySuccess(t('account.passwordForm.success'))}
        />
      </Paper>
    </>
  );
}
