import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { t } from '../app/i18n/t.ts';

/** « Identifiant »: a login as typed (no capital, no spelling check), known to password managers. */
export const LoginField = forwardRef<HTMLInputElement, TextInputProps>(function LoginField(props, ref) {
  return (
    <TextInput
      ref={ref}
      label={t('auth.login.loginLabel')}
      name="login"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      required
      {...props}
    />
  );
});
