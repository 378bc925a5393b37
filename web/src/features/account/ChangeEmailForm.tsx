import { ChangeEmailRequestSchema } from '@cerise/common';
import { Group, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { errorText, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useChangeEmail } from './account.api.ts';

export function ChangeEmailForm() {
  const [email, setEmail] = useState('');
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [currentError, setCurrentError] = useState<string | undefined>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const mutation = useChangeEmail();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setAlertError(null);
    const invalid = !email.trim()
      ? t('account.emailForm.required')
      : ChangeEmailRequestSchema.shape.email.safeParse(email).success
        ? undefined
        : t('account.emailForm.invalid');
    const missingCurrent = current ? undefined : t('password.currentRequired');
    setError(invalid);
    setCurrentError(missingCurrent);
    if (invalid || missingCurrent) {
      (invalid ? inputRef : currentRef).current?.focus();
      return;
    }
    mutation.mutate({ email: email.trim(), currentPassword: current }, {
      onSuccess: () => {
        setEmail('');
        setCurrent('');
        notifySuccess(t('account.emailForm.success'));
      },
      onError: (err) => {
        if (isApiError(err) && err.code === 'account.wrong_current_password') {
          setCurrentError(errorText(err));
          currentRef.current?.focus();
        } else if (isApiError(err) && (err.code === 'account.invalid_email' || err.code === 'common.validation')) {
          setError(err.code === 'common.validation' ? t('account.emailForm.invalid') : errorText(err));
          inputRef.current?.focus();
        } else {
          setAlertError(err);
        }
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={480}>
        <RequiredFieldsNote />
        {alertError !== null && <ErrorAlert error={alertError} />}
        <TextInput
          ref={inputRef}
          type="email"
          label={t('account.emailForm.label')}
          description={t('account.emailForm.description')}
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error}
        />
        <PasswordField
          ref={currentRef}
          label={t('password.currentLabel')}
          description={t('account.emailForm.currentDescription')}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={currentError}
        />
        <Group>
          <SubmitButton pending={mutation.isPending}>{t('account.emailForm.submit')}</SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
