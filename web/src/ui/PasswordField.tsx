import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { t } from '../app/i18n/t.ts';

/** A password input whose show/hide button is reachable with the keyboard and named in French. */
export const PasswordField = forwardRef<HTMLInputElement, PasswordInputProps>(function PasswordField(props, ref) {
  return (
    <PasswordInput
      ref={ref}
      visibilityToggleButtonProps={{ 'aria-label': t('app.showPassword'), tabIndex: 0 }}
      {...props}
    />
  );
});
