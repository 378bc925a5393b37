import { t } from '../app/i18n/t.ts';
import type { NewPassword, NewPasswordErrors } from './new-password.ts';
import { PasswordField } from './PasswordField.tsx';

type NewPasswordFieldsProps = {
  password: NewPassword;
  errors: NewPasswordErrors;
  /** The policy, said under the new password. */
  description: string;
};

/** « Nouveau mot de passe » and its confirmation (state from `useNewPassword`). */
export function NewPasswordFields({ password, errors, description }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordField
        ref={password.refs.next}
        label={t('password.newLabel')}
        autoComplete="new-password"
        required
        description={description}
        value={password.next}
        onChange={(e) => password.setNext(e.currentTarget.value)}
        error={errors.next}
      />
      <PasswordField
        ref={password.refs.confirm}
        label={t('password.confirmLabel')}
        autoComplete="new-password"
        required
        value={password.confirm}
        onChange={(e) => password.setConfirm(e.currentTarget.value)}
        error={errors.confirm}
      />
    </>
  );
}
