import { Group, Stack } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '@cerise/common';
import { useRef, useState, type FormEvent } from 'react';
import { errorText, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/focus-first-error.ts';
import { useNewPassword } from '../../ui/new-password.ts';
import { NewPasswordFields } from '../../ui/NewPasswordFields.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useChangePassword } from './account.api.ts';

type Field = 'current' | 'next' | 'confirm';
type Errors = Partial<Record<Field, string>>;

type PasswordChangeFormProps = {
  /** The current password when already known (typed at login); otherwise the form asks for it. */
  knownCurrentPassword?: string | null;
  submitLabel: string;
  onSuccess: () => void;
};

const FIELD_OF_CODE: Record<string, Field> = {
  'account.wrong_current_password': 'current',
  'account.password_too_short': 'next',
  'account.password_too_long': 'next',
  'account.password_is_birth_date': 'next',
  'account.password_unchanged': 'next',
};

/** Current (when unknown) + new + confirmation, checked against the policy before sending. */
export function PasswordChangeForm({ knownCurrentPassword, submitLabel, onSuccess }: PasswordChangeFormProps) {
  const [current, setCurrent] = useState('');
  const password = useNewPassword();
  const [errors, setErrors] = useState<Errors>({});
  const [askCurrent, setAskCurrent] = useState(!knownCurrentPassword);
  const [alertError, setAlertError] = useState<unknown>(null);
  const refs = { current: useRef<HTMLInputElement>(null), ...password.refs };
  const mutation = useChangePassword();

  const validate = (): Errors => ({
    ...(askCurrent && !current ? { current: t('password.currentRequired') } : {}),
    ...password.check(),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found = validate();
    setErrors(found);
    setAlertError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(found, [
        ['current', refs.current],
        ['next', refs.next],
        ['confirm', refs.confirm],
      ]);
      return;
    }
    const currentPassword = askCurrent ? current : (knownCurrentPassword ?? '');
    mutation.mutate(
      { currentPassword, newPassword: password.next },
      {
        onSuccess: () => {
          setCurrent('');
          password.clear();
          setErrors({});
          onSuccess();
        },
        onError: (error) => {
          const field = isApiError(error) ? FIELD_OF_CODE[error.code] : undefined;
          if (!field) {
            setAlertError(error);
            return;
          }
          // When the remembered login password no longer works, the form asks for it.
          if (field === 'current') setAskCurrent(true);
          setErrors({ [field]: errorText(error) });
          requestAnimationFrame(() => refs[field].current?.focus());
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={480}>
        <RequiredFieldsNote />
        {alertError !== null && <ErrorAlert error={alertError} />}
        {askCurrent && (
          <PasswordField
            ref={refs.current}
            label={t('password.currentLabel')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.current}
          />
        )}
        <NewPasswordFields password={password} errors={errors} description={t('password.policy', { min: PASSWORD_MIN_LENGTH })} />
        <Group>
          <SubmitButton pending={mutation.isPending}>{submitLabel}</SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
