import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { t } from '../../app/i18n/t.ts';
import { AuthCard } from '../../ui/AuthCard.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoginField } from '../../ui/LoginField.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useEstablishment } from '../auth/auth.api.ts';
import { useRequestPasswordReset } from './password-reset.api.ts';

/** `/:uai/mot-de-passe-oublie`: asks for a reset link; the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const { uai = '' } = useParams();
  const establishment = useEstablishment(uai);
  const request = useRequestPasswordReset();
  const [login, setLogin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (request.isPending) return;
    if (!login.trim()) {
      setError(t('passwordReset.request.loginRequired'));
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    request.mutate(
      { uai, login: login.trim() },
      {
        onSuccess: (result) => {
          setMessage(result.message);
          requestAnimationFrame(() => messageRef.current?.focus());
        },
      },
    );
  };

  return (
    <AuthCard>
      <PageTitle>{t('passwordReset.request.title')}</PageTitle>
      {establishment.data && (
        <Text fw={700} size="lg" mb="md">
          {t('auth.login.establishment', { name: establishment.data.name, uai: establishment.data.uai })}
        </Text>
      )}
      {message ? (
        <div ref={messageRef} tabIndex={-1}>
          <Alert color="blue" variant="light" icon={<IconMailForward aria-hidden="true" />} role="status" mb="md">
            {message}
          </Alert>
        </div>
      ) : (
        <>
          <Text mb="md">{t('passwordReset.request.intro')}</Text>
          {request.isError && <ErrorAlert error={request.error} />}
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <RequiredFieldsNote />
              <LoginField
                ref={inputRef}
                description={t('passwordReset.request.loginHint')}
                value={login}
                onChange={(e) => setLogin(e.currentTarget.value)}
                error={error}
              />
              <Group>
                <SubmitButton pending={request.isPending}>{t('passwordReset.request.submit')}</SubmitButton>
              </Group>
            </Stack>
          </form>
        </>
      )}
      <Text size="sm" mt="lg">
        <Anchor component={Link} to={`/${uai}`}>
          {t('passwordReset.backToLogin')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
