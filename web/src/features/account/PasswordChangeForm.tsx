import { Group, Stack } from '@mantine/core';
import { checkPassword, PASSWORD_MIN_LENGTH } from '@cerise/common';
import { useRef, useState, type FormEvent } from 'react';
import { errorText, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/focus-first-error.ts';
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

function policyProblemText(problem: ReturnType<typeof checkPassword>): string | undefined {
  if (problem === 'too_short') return t('password.tooShort', { min: PASSWORD_MIN_LENGTH });
  if (problem === 'too_long') return t('password.tooLong');
  if (problem === 'is_birth_date') return t('password.isBirthDate');
  return undefined;
}

/** Current (when unknown) + new + confirmation, checked against the policy before sending. */
export function PasswordChangeForm({ knownCurrentPassword, submitLabel, onSuccess }: PasswordChangeFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [askCurrent, setAskCurrent] = useState(!knownCurrentPassword);
  const [alertError, setAlertError] = useState<unknown>(null);
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };
  const mutation = useChangePassword();

  const validate = (): Errors => {
    const found: Errors = {};
    if (askCurrent && !current) found.current = t('password.currentRequired');
    if (!next) found.next = t('password.newRequired');
    else found.next = policyProblemText(checkPassword(next));
    if (!confirm) found.confirm = t('password.confirmRequired');
    else if (next && confirm !== next) found.confirm = t('password.mismatch');
    if (!found.next) delete found.next;
    return found;
  };

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
      { currentPassword, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
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
        <PasswordField
          ref={refs.next}
          label={t('password.newLabel')}
          autoComplete="new-password"
          required
          description={t('password.policy', { min: PASSWORD_MIN_LENGTH })}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={errors.next}
        />
        <PasswordField
          ref={refs.confirm}
          label={t('password.confirmLabel')}
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={errors.confirm}
        />
        <Group>
          <SubmitButton pending={mutation.isPending}>{submitLabel}</SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
