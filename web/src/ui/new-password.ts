import { checkPassword, PASSWORD_MIN_LENGTH } from '@cerise/common';
import { useRef, useState } from 'react';
import { t } from '../app/i18n/t.ts';

export type NewPasswordErrors = Partial<Record<'next' | 'confirm', string>>;

/** What the policy says of a new password, in French; nothing when it is acceptable. */
function policyProblemText(password: string): string | undefined {
  const problem = checkPassword(password);
  if (problem === 'too_short') return t('password.tooShort', { min: PASSWORD_MIN_LENGTH });
  if (problem === 'too_long') return t('password.tooLong');
  if (problem === 'is_birth_date') return t('password.isBirthDate');
  return undefined;
}

/** The problems of a new password and its confirmation, checked before sending. */
export function checkNewPassword(next: string, confirm: string): NewPasswordErrors {
  const found: NewPasswordErrors = {};
  const problem = next ? policyProblemText(next) : t('password.newRequired');
  if (problem) found.next = problem;
  if (!confirm) found.confirm = t('password.confirmRequired');
  else if (next && confirm !== next) found.confirm = t('password.mismatch');
  return found;
}

/** A new password and its confirmation: both values, their inputs, the check and a reset. */
export function useNewPassword() {
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const nextRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  return {
    next,
    confirm,
    setNext,
    setConfirm,
    refs: { next: nextRef, confirm: confirmRef },
    check: () => checkNewPassword(next, confirm),
    clear: () => {
      setNext('');
      setConfirm('');
    },
  };
}

export type NewPassword = ReturnType<typeof useNewPassword>;
