import { PasswordResetCheckResponseSchema, PasswordResetRequestedSchema } from '@cerise/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PUBLIC_KEY } from '../auth/auth.api.ts';
import { send, sendJson } from '../users/admin-http.ts';

/** Where the login page reads that a password was just chosen with a reset link. */
export type PasswordResetLoginState = { passwordReset?: boolean };

export function useRequestPasswordReset() {
  return useMutation({
    meta: { skipSessionHandling: true },
    mutationFn: (input: { uai: string; login: string }) =>
      sendJson('POST', '/api/v1/auth/password-reset/request', input, PasswordResetRequestedSchema),
  });
}

/** Whether the link is still good, and whose account it opens. */
export function useCheckResetToken(token: string) {
  return useQuery({
    queryKey: [PUBLIC_KEY, 'password-reset', token],
    queryFn: () => sendJson('POST', '/api/v1/auth/password-reset/check', { token }, PasswordResetCheckResponseSchema),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    meta: { skipSessionHandling: true },
    mutationFn: async (input: { token: string; newPassword: string }) => {
      await send('POST', '/api/v1/auth/password-reset/confirm', input);
    },
  });
}
