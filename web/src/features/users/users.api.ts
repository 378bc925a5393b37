import {
  CreateUserResponseSchema,
  DivisionListResponseSchema,
  LoginPreviewResponseSchema,
  UserListResponseSchema,
  UserPasswordResetResponseSchema,
  UserSchema,
  type CreateUserRequest,
  type Profile,
  type UpdateUserRequest,
  type PasswordHandover,
  type User,
} from '@cerise/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { downloadFile } from '../../app/download.ts';

export const USERS_KEY = ['users'] as const;
export const DIVISIONS_KEY = ['divisions'] as const;

export type UserFilters = {
  search: string;
  profile: Profile | '';
  division: string;
  hidden: boolean;
  page: number;
  pageSize: number;
};

function listPath(f: UserFilters): string {
  const q = new URLSearchParams();
  if (f.search.trim()) q.set('search', f.search.trim());
  if (f.profile) q.set('profile', f.profile);
  if (f.division) q.set('division', f.division);
  if (f.hidden) q.set('hidden', 'true');
  q.set('page', String(f.page));
  q.set('pageSize', String(f.pageSize));
  return `/api/v1/users?${q.toString()}`;
}

/** One page of the users list; the previous page stays shown while the next one loads. */
export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', filters],
    queryFn: () => api.get(listPath(filters), { schema: UserListResponseSchema }),
    placeholderData: keepPreviousData,
  });
}

/** Users matching a few words (pickers). */
export function useUserSearch(search: string, enabled = true) {
  return useQuery({
    queryKey: [...USERS_KEY, 'search', search],
    queryFn: () =>
      api.get(listPath({ search, profile: '', division: '', hidden: false, page: 1, pageSize: 20 }), { schema: UserListResponseSchema }),
    enabled: enabled && search.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function fetchUser(id: string): Promise<User> {
  return api.get(`/api/v1/users/${encodeURIComponent(id)}`, { schema: UserSchema });
}

export function useUser(id: string | null) {
  return useQuery({ queryKey: [...USERS_KEY, 'one', id], queryFn: () => fetchUser(id!), enabled: id !== null });
}

/** Divisions and groups of the current school year. */
export function useDivisions() {
  return useQuery({
    queryKey: DIVISIONS_KEY,
    queryFn: () => api.get('/api/v1/divisions', { schema: DivisionListResponseSchema }),
    staleTime: 5 * 60_000,
  });
}

/** The login a new account with this name would get (docs/design.md §4), for the creation form. */
export function useLoginPreview(firstName: string, lastName: string) {
  const first = firstName.trim();
  const last = lastName.trim();
  return useQuery({
    queryKey: [...USERS_KEY, 'login-preview', first, last],
    queryFn: () => api.post('/api/v1/users/login-preview', { firstName: first, lastName: last }, { schema: LoginPreviewResponseSchema }),
    enabled: first.length > 0 && last.length > 0,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
}

function useUsersMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useCreateUser() {
  return useUsersMutation((input: CreateUserRequest) => api.post('/api/v1/users', input, { schema: CreateUserResponseSchema }));
}

export function useUpdateUser() {
  return useUsersMutation(({ id, patch }: { id: string; patch: UpdateUserRequest }) =>
    api.patch(`/api/v1/users/${encodeURIComponent(id)}`, patch, { schema: UserSchema }),
  );
}

/** « Réinitialiser le mot de passe » of one user: by mail, or shown once for a letter. */
export function useResetUserPassword(id: string) {
  return useUsersMutation((delivery: PasswordHandover) =>
    api.post(`/api/v1/users/${encodeURIComponent(id)}/password-reset`, { delivery }, { schema: UserPasswordResetResponseSchema }),
  );
}

export function useHideUser() {
  return useUsersMutation((id: string) => api.post(`/api/v1/users/${encodeURIComponent(id)}/hide`, undefined, { schema: UserSchema }));
}

export function useRestoreUser() {
  return useUsersMutation((id: string) => api.post(`/api/v1/users/${encodeURIComponent(id)}/restore`, undefined, { schema: UserSchema }));
}

/** « Exporter ses données (RGPD) »: every piece of data about the person, as a ZIP. */
export function useExportUserData() {
  return useMutation({
    mutationFn: (user: User) => downloadFile('GET', `/api/v1/privacy/users/${encodeURIComponent(user.id)}/export`, `donnees-${user.login}.zip`),
  });
}
