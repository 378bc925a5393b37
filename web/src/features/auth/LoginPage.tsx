import { ERROR_MESSAGES } from '@cerise/common';
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import type { LoginLocationState } from '../../app/layout/AppLayout.tsx';
import { AuthCard } from '../../ui/AuthCard.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/focus-first-error.ts';
import { LoginField } from '../../ui/LoginField.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import type { PasswordResetLoginState } from '../password-reset/password-reset.api.ts';
import { SsoButtons } from '../sso/SsoButtons.tsx';
import { useEstablishment, useLogin } from './auth.api.ts';

type Field = 'login' | 'password';

/** `/:uai`: the establishment's login page (docs/guide.md §2.1). */
export function LoginPage() {
  const { uai = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  // The reason for arriving here is shown once: a reload must not say « Vous êtes déconnecté » again.
  const [state] = useState(() => (location.state ?? {}) as LoginLocationState & PasswordResetLoginState);
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const establishment = useEstablishment(uai);
  const loginMutation = useLogin();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (establishment.isPending) return <PageLoader />;

  if (establishment.isError) {
    if (isApiError(establishment.error) && establishment.error.status === 404) {
      return (
        <>
          <PageTitle>{t('auth.login.establishmentNotFoundTitle')}</PageTitle>
          <Text mb="md">{t('auth.login.establishmentNotFoundText', { uai })}</Text>
          <Anchor component={Link} to="/">
            {t('auth.login.establishmentNotFoundLink')}
          </Anchor>
        </>
      );
    }
    return (
      <>
        <PageTitle documentTitle={t('auth.login.documentTitle')}>{t('auth.login.title')}</PageTitle>
        <ErrorAlert error={establishment.error} onRetry={() => void establishment.refetch()} />
      </>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (loginMutation.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    if (!login.trim()) found.login = t('auth.login.loginRequired');
    if (!password) found.password = t('auth.login.passwordRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found, [
        ['login', loginRef],
        ['password', passwordRef],
      ]);
      return;
    }
    loginMutation.mutate(
      { uai: establishment.data.uai, login: login.trim(), password },
      {
        onSuccess: (result) => {
          const home = `/${result.establishment.uai}`;
          const back = state.from && state.from.startsWith(`${home}/`) ? state.from : `${home}/accueil`;
          void navigate(back, { replace: true });
        },
        onError: () => {
          setPassword('');
          passwordRef.current?.focus();
        },
      },
    );
  };

  return (
    <AuthCard maw={460}>
      <PageTitle documentTitle={t('auth.login.documentTitle')}>{t('auth.login.title')}</PageTitle>
      <Text fw={700} size="lg" mb="md">
        {t('auth.login.establishment', { name: establishment.data.name, uai: establishment.data.uai })}
      </Text>

      {state.loggedOut && !loginMutation.error && (
        <Alert color="blue" variant="light" role="status" icon={<IconInfoCircle aria-hidden="true" />} mb="md">
          {t('auth.login.loggedOut')}
          {state.ssoLogout && (
            <>
              {' '}
              {t('sso.login.loggedOutOfProvider', { label: state.ssoLogout.label })}{' '}
              <Anchor href={state.ssoLogout.url} underline="always">
                {t('sso.login.providerLogout', { label: state.ssoLogout.label })}
              </Anchor>
            </>
          )}
        </Alert>
      )}
      {state.sessionEnded && !loginMutation.error && (
        <Alert color="blue" variant="light" role="status" icon={<IconInfoCircle aria-hidden="true" />} mb="md">
          {ERROR_MESSAGES['auth.unauthenticated']}
        </Alert>
      )}
      {state.passwordReset && !loginMutation.error && (
        <Alert color="green" variant="light" role="status" icon={<IconCircleCheck aria-hidden="true" />} mb="md">
          {t('auth.login.passwordResetDone')}
        </Alert>
      )}
      {loginMutation.error && <ErrorAlert error={loginMutation.error} />}

      <SsoButtons uai={establishment.data.uai} />

      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <RequiredFieldsNote />
          <LoginField
            ref={loginRef}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            error={errors.login}
          />
          <PasswordField
            ref={passwordRef}
            label={t('auth.login.passwordLabel')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Group>
            <SubmitButton pending={loginMutation.isPending}>{t('auth.login.submit')}</SubmitButton>
          </Group>
        </Stack>
      </form>
      <Text size="sm" mt="lg">
        <Anchor component={Link} to={`/${establishment.data.uai}/mot-de-passe-oublie`}>
          {t('auth.login.lostPassword')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
