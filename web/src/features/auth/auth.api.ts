import {
  EstablishmentSummarySchema,
  LoginResponseSchema,
  MeResponseSchema,
  type LoginRequest,
  type MeResponse,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../app/api.ts';
import { useLoginPassword } from './login-password.tsx';
import { fetchLogoutInfo } from '../sso/sso.api.ts';

/** Query key of the signed-in user; its data is `null` when nobody is signed in. */
export const ME_KEY = ['auth', 'me'] as const;
/** Queries that need no session (kept when the signed-in user changes). */
export const PUBLIC_KEY = 'public';

export async function fetchMe(): Promise<MeResponse | null> {
  try {
    return await api.get('/api/v1/auth/me', { schema: MeResponseSchema });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, refetchOnWindowFocus: true });
}

export function useEstablishment(uai: string) {
  return useQuery({
    queryKey: [PUBLIC_KEY, 'establishment', uai],
    queryFn: () => api.get(`/api/v1/auth/establishments/${encodeURIComponent(uai)}`, { schema: EstablishmentSummarySchema }),
    staleTime: 5 * 60_000,
  });
}

/** The establishment of the instance when it holds only one (`null` otherwise). */
export function useDefaultEstablishment() {
  return useQuery({
    queryKey: [PUBLIC_KEY, 'default-establishment'],
    queryFn: async () => {
      try {
        return await api.get('/api/v1/auth/default-establishment', { schema: EstablishmentSummarySchema });
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  const { remember } = useLoginPassword();
  return useMutation({
    // A 401 here means wrong credentials, not an expired session.
    meta: { skipSessionHandling: true },
    mutationFn: (input: LoginRequest) => api.post('/api/v1/auth/login', input, { schema: LoginResponseSchema }),
    onSuccess: (result, input) => {
      // Nothing of a previous user may stay in the cache.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== PUBLIC_KEY });
      const me: MeResponse = result;
      queryClient.setQueryData<MeResponse | null>(ME_KEY, me);
      // Kept in memory only, to change the initial password without typing it again.
      remember(result.mustChangePassword ? input.password : null);
    },
  });
}

/** Signs out, then goes back to the establishment's login page. */
export function useLogout(uai: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { remember } = useLoginPassword();
  return useCallback(async () => {
    // A session opened through the ENT or ÉduConnect: its logout URL is offered afterwards (docs/sso.md).
    let ssoLogout: { url: string; label: string } | undefined;
    try {
      const info = await fetchLogoutInfo();
      if (info.logoutUrl) ssoLogout = { url: info.logoutUrl, label: info.providerLabel ?? '' };
    } catch {
      // No logout URL to offer.
    }
    try {
      await api.post('/api/v1/auth/logout');
    } catch {
      // Even if the server is unreachable, leave the signed-in screens.
    }
    remember(null);
    await navigate(`/${uai}`, { replace: true, state: { loggedOut: true, ssoLogout } });
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== PUBLIC_KEY });
  }, [navigate, queryClient, remember, uai]);
}
