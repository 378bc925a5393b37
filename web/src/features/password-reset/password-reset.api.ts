import { PasswordResetCheckResponseSchema, PasswordResetRequestedSchema } from '@cerise/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { PUBLIC_KEY } from '../auth/auth.api.ts';

/** Where the login page reads that a password was just chosen with a reset link. */
export type PasswordResetLoginState = { passwordReset?: boolean };

export function useRequestPasswordReset() {
  return useMutation({
    meta: { skipSessionHandling: true },
    mutationFn: (input: { uai: string; login: string }) =>
      api.post('/api/v1/auth/password-reset/request', input, { schema: PasswordResetRequestedSchema }),
  });
}

/** Whether the link is still good, and whose account it opens. */
export function useCheckResetToken(token: string) {
  return useQuery({
    queryKey: [PUBLIC_KEY, 'password-reset', token],
    queryFn: () => api.post('/api/v1/auth/password-reset/check', { token }, { schema: PasswordResetCheckResponseSchema }),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    meta: { skipSessionHandling: true },
    mutationFn: async (input: { token: string; newPassword: string }) => {
      await api.post('/api/v1/auth/password-reset/confirm', input);
    },
  });
}
