import { PASSWORD_MIN_LENGTH } from '@cerise/common';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { AuthCard } from '../../ui/AuthCard.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/focus-first-error.ts';
import { useNewPassword, type NewPasswordErrors } from '../../ui/new-password.ts';
import { NewPasswordFields } from '../../ui/NewPasswordFields.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { frenchDateTime } from '../users/format.ts';
import { useCheckResetToken, useConfirmPasswordReset, type PasswordResetLoginState } from './password-reset.api.ts';

const POLICY_CODES = new Set(['account.password_too_short', 'account.password_too_long', 'account.password_is_birth_date']);

/** `/:uai/reinitialisation/:token`: the page of the mailed link. */
export function ResetPasswordPage() {
  const { uai = '', token = '' } = useParams();
  const navigate = useNavigate();
  const check = useCheckResetToken(token);
  const confirm = useConfirmPasswordReset();
  const password = useNewPassword();
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [expired, setExpired] = useState(false);
  const refs = password.refs;

  const invalid = expired || (check.isError && isApiError(check.error) && check.error.status === 400);

  const frame = (content: ReactNode) => <AuthCard>{content}</AuthCard>;

  if (check.isPending) return frame(<PageLoader />);

  if (invalid) {
    return frame(
      <>
        <PageTitle>{t('passwordReset.invalid.title')}</PageTitle>
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} mb="md">
          {t('passwordReset.invalid.text')}
        </Alert>
        <Group gap="md">
          <Button component={Link} to={`/${uai}/mot-de-passe-oublie`}>
            {t('passwordReset.invalid.again')}
          </Button>
          <Anchor component={Link} to={`/${uai}`}>
            {t('passwordReset.backToLogin')}
          </Anchor>
        </Group>
      </>,
    );
  }

  if (check.isError) {
    return frame(
      <>
        <PageTitle>{t('passwordReset.choose.title')}</PageTitle>
        <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />
      </>,
    );
  }

  const { login, establishment, expiresAt } = check.data;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (confirm.isPending) return;
    const found = password.check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found, [
        ['next', refs.next],
        ['confirm', refs.confirm],
      ]);
      return;
    }
    confirm.mutate(
      { token, newPassword: password.next },
      {
        onSuccess: () => {
          const state: PasswordResetLoginState = { passwordReset: true };
          void navigate(`/${establishment.uai}`, { replace: true, state });
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'auth.reset_token_invalid') {
            setExpired(true);
          } else if (isApiError(error) && POLICY_CODES.has(error.code)) {
            setErrors({ next: errorText(error) });
            refs.next.current?.focus();
          }
        },
      },
    );
  };

  const alertError = confirm.isError && !(isApiError(confirm.error) && POLICY_CODES.has(confirm.error.code)) ? confirm.error : null;

  return frame(
    <>
      <PageTitle>{t('passwordReset.choose.title')}</PageTitle>
      <Text fw={700} size="lg" mb="xs">
        {t('auth.login.establishment', { name: establishment.name, uai: establishment.uai })}
      </Text>
      <Text mb="xs">
        {t('passwordReset.choose.account')} <strong className="admin-mono">{login}</strong>
      </Text>
      <Text size="sm" mb="md">
        {t('passwordReset.choose.expires', { date: frenchDateTime(expiresAt) })}
      </Text>
      {alertError && <ErrorAlert error={alertError} />}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <RequiredFieldsNote />
          {/* Lets password managers attach the new password to the right account. */}
          <input type="text" name="username" autoComplete="username" value={login} readOnly hidden />
          <NewPasswordFields password={password} errors={errors} description={t('passwordReset.choose.policy', { min: PASSWORD_MIN_LENGTH })} />
          <Group>
            <SubmitButton pending={confirm.isPending}>{t('passwordReset.choose.submit')}</SubmitButton>
          </Group>
        </Stack>
      </form>
      <Text size="sm" mt="lg">
        <Anchor component={Link} to={`/${uai}`}>
          {t('passwordReset.backToLogin')}
        </Anchor>
      </Text>
    </>,
  );
}
