import { ActionIcon, Button, Code, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCopy, IconLink, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useIdentities, useIdentityActions, useSsoSettings } from './sso.api.ts';

const frenchDate = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

/**
 * « Identifiants ENT » on a user's page (docs/sso.md « Lier à la main »): the linked identifiers,
 * link one by hand, copy the login as ENT identifier, unlink.
 */
export function UserIdentities({ userId }: { userId: string }) {
  const identities = useIdentities(userId);
  const settings = useSsoSettings();
  const actions = useIdentityActions(userId);
  const providers = settings.data?.providers ?? [];
  const [providerId, setProviderId] = useState('');
  const [subject, setSubject] = useState('');
  const [subjectError, setSubjectError] = useState<string | undefined>();
  const chosen = providerId || providers[0]?.id || '';
  const error = actions.link.error ?? actions.copyLogin.error ?? actions.unlink.error;

  const onLink = (event: FormEvent) => {
    event.preventDefault();
    if (actions.link.isPending) return;
    if (!subject.trim()) {
      setSubjectError(t('sso.identities.subjectRequired'));
      return;
    }
    setSubjectError(undefined);
    actions.link.mutate({ providerId: chosen, subject: subject.trim() }, { onSuccess: () => setSubject('') });
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={`identities-${userId}`} aria-busy={identities.isPending || undefined}>
      <Title order={3} size="h5" id={`identities-${userId}`}>
        {t('sso.identities.title')}
      </Title>
      <Text size="sm">{t('sso.identities.intro')}</Text>
      {identities.isError && <ErrorAlert error={identities.error} onRetry={() => void identities.refetch()} />}
      {error && <ErrorAlert error={error} />}
      {identities.data && identities.data.identities.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('sso.identities.empty')}
        </Text>
      )}
      {identities.data && identities.data.identities.length > 0 && (
        <ul className="sso-identities">
          {identities.data.identities.map((i) => (
            <li key={i.id}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm">
                  {i.providerLabel} : <Code>{i.subject}</Code> — {t(`sso.identities.rules.${i.rule}`)}, {t('sso.identities.linkedOn', { date: frenchDate(i.linkedAt) })}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('sso.identities.unlinkLabel', { subject: i.subject, provider: i.providerLabel })}
                  onClick={() => {
                    if (!actions.unlink.isPending) actions.unlink.mutate(i.id);
                  }}
                >
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </li>
          ))}
        </ul>
      )}
      {settings.data && providers.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('sso.identities.noProvider')}
        </Text>
      )}
      {providers.length > 0 && (
        <form onSubmit={onLink} noValidate>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('sso.identities.provider')}
              value={chosen}
              onChange={(e) => setProviderId(e.currentTarget.value)}
              data={providers.map((p) => ({ value: p.id, label: p.label }))}
              size="sm"
            />
            <TextInput
              label={t('sso.identities.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={subjectError}
              size="sm"
              maxLength={255}
            />
            <SubmitButton pending={actions.link.isPending} size="sm" leftSection={<IconLink size={16} aria-hidden="true" />}>
              {t('sso.identities.link')}
            </SubmitButton>
            <Button
              variant="outline"
              size="sm"
              leftSection={<IconCopy size={16} aria-hidden="true" />}
              aria-disabled={actions.copyLogin.isPending || undefined}
              onClick={() => {
                if (!actions.copyLogin.isPending && chosen) actions.copyLogin.mutate(chosen);
              }}
            >
              {t('sso.identities.copyLogin')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
