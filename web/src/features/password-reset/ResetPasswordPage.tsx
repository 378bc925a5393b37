import { checkPassword, PASSWORD_MIN_LENGTH } from '@cerise/common';
import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/focus-first-error.ts';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { frenchDateTime } from '../users/format.ts';
import { useCheckResetToken, useConfirmPasswordReset, type PasswordResetLoginState } from './password-reset.api.ts';

type Field = 'next' | 'confirm';
const POLICY_CODES = new Set(['account.password_too_short', 'account.password_too_long', 'account.password_is_birth_date']);

/** `/:uai/reinitialisation/:token`: the page of the mailed link. */
export function ResetPasswordPage() {
  const { uai = '', token = '' } = useParams();
  const navigate = useNavigate();
  const check = useCheckResetToken(token);
  const confirm = useConfirmPasswordReset();
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [expired, setExpired] = useState(false);
  const refs = { next: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };

  const invalid = expired || (check.isError && isApiError(check.error) && check.error.status === 400);

  const frame = (content: ReactNode) => (
    <Stack align="center">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={520}>
        {content}
      </Paper>
    </Stack>
  );

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
    const found: Partial<Record<Field, string>> = {};
    const problem = next ? checkPassword(next) : null;
    if (!next) found.next = t('password.newRequired');
    else if (problem === 'too_short') found.next = t('password.tooShort', { min: PASSWORD_MIN_LENGTH });
    else if (problem === 'too_long') found.next = t('password.tooLong');
    if (!again) found.confirm = t('password.confirmRequired');
    else if (next && again !== next) found.confirm = t('password.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found, [
        ['next', refs.next],
        ['confirm', refs.confirm],
      ]);
      return;
    }
    confirm.mutate(
      { token, newPassword: next },
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
          <PasswordField
            ref={refs.next}
            label={t('password.newLabel')}
            description={t('passwordReset.choose.policy', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next}
          />
          <PasswordField
            ref={refs.confirm}
            label={t('password.confirmLabel')}
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={errors.confirm}
          />
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
