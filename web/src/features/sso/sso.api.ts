import {
  ExternalIdentitiesSchema,
  ProviderSchema,
  PublicProvidersSchema,
  SsoChooseResponseSchema,
  SsoLogoutInfoSchema,
  SsoPendingSchema,
  SsoSettingsSchema,
  type LinkIdentityRequest,
  type LocalLoginUpdate,
  type ProviderInput,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { PUBLIC_KEY } from '../auth/auth.api.ts';

/** Single sign-on (docs/sso.md): the login page's buttons, the pending choice or refusal, Paramètres, a user's links. */

export function usePublicProviders(uai: string) {
  return useQuery({
    queryKey: [PUBLIC_KEY, 'sso-providers', uai],
    queryFn: () => api.get(`/api/v1/auth/sso/${encodeURIComponent(uai)}/providers`, { schema: PublicProvidersSchema }),
    staleTime: 60_000,
  });
}

export function useSsoPending() {
  return useQuery({
    queryKey: [PUBLIC_KEY, 'sso-pending'],
    queryFn: () => api.get('/api/v1/auth/sso/choose', { schema: SsoPendingSchema }),
    retry: false,
    staleTime: Infinity,
  });
}

export function useChooseAccount() {
  return useMutation({
    meta: { skipSessionHandling: true },
    mutationFn: (candidateId: string) => api.post('/api/v1/auth/sso/choose', { candidateId }, { schema: SsoChooseResponseSchema }),
  });
}

/** Read before logging out: where to log out of the provider the session came through. */
export function fetchLogoutInfo() {
  return api.get('/api/v1/auth/sso/logout-info', { schema: SsoLogoutInfoSchema });
}

const SETTINGS_KEY = ['sso', 'settings'] as const;

export function useSsoSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get('/api/v1/sso/settings', { schema: SsoSettingsSchema }) });
}

export function useSaveProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input, version }: { id: string | null; input: ProviderInput; version: number | null }) =>
      id === null
        ? api.post('/api/v1/sso/providers', input, { schema: ProviderSchema })
        : api.put(`/api/v1/sso/providers/${id}`, { ...input, version }, { schema: ProviderSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SETTINGS_KEY }),
  });
}

export function useDeleteProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/sso/providers/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SETTINGS_KEY }),
  });
}

export function useSaveLocalLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LocalLoginUpdate) => api.put('/api/v1/sso/local-login', input, { schema: SsoSettingsSchema }),
    onSuccess: (data) => queryClient.setQueryData(SETTINGS_KEY, data),
  });
}

const identitiesKey = (userId: string) => ['sso', 'identities', userId] as const;

export function useIdentities(userId: string) {
  return useQuery({ queryKey: identitiesKey(userId), queryFn: () => api.get(`/api/v1/sso/users/${userId}/identities`, { schema: ExternalIdentitiesSchema }) });
}

export function useIdentityActions(userId: string) {
  const queryClient = useQueryClient();
  const set = (data: unknown) => queryClient.setQueryData(identitiesKey(userId), data);
  const refresh = () => queryClient.invalidateQueries({ queryKey: identitiesKey(userId) });
  return {
    link: useMutation({
      mutationFn: (input: LinkIdentityRequest) => api.post(`/api/v1/sso/users/${userId}/identities`, input, { schema: ExternalIdentitiesSchema }),
      onSuccess: set,
    }),
    copyLogin: useMutation({
      mutationFn: (providerId: string) => api.post(`/api/v1/sso/users/${userId}/identities/copy-login`, { providerId }, { schema: ExternalIdentitiesSchema }),
      onSuccess: set,
    }),
    unlink: useMutation({
      mutationFn: (identityId: string) => api.delete(`/api/v1/sso/users/${userId}/identities/${identityId}`),
      onSuccess: refresh,
    }),
  };
}
