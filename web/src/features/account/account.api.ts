import type { MeResponse } from '@cerise/common';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { ME_KEY } from '../auth/auth.api.ts';

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.put<void>('/api/v1/account/password', input),
  });
}

export function useChangeEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; currentPassword: string }) => api.put<void>('/api/v1/account/email', input),
    onSuccess: (_result, { email }) => {
      queryClient.setQueryData<MeResponse | null>(ME_KEY, (me) => (me ? { ...me, user: { ...me.user, email } } : me));
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
