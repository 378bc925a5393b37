import { Button, Loader, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';

type SubmitButtonProps = ButtonProps & {
  /** While the form is being sent; the button stays focusable (focus is not lost). */
  pending: boolean;
  children: ReactNode;
};

/**
 * A form's submit button. Unlike Mantine's `loading`, it is not disabled while sending, so
 * keyboard focus stays on it; forms ignore a second submit while `pending`.
 */
export function SubmitButton({ pending, children, ...props }: SubmitButtonProps) {
  return (
    <Button
      type="submit"
      aria-disabled={pending || undefined}
      rightSection={pending ? <Loader size={14} color="currentColor" aria-hidden="true" /> : undefined}
      {...props}
    >
      {children}
    </Button>
  );
}
