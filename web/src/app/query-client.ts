import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { ME_KEY } from '../features/auth/auth.api.ts';
import { isApiError } from './api.ts';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { skipSessionHandling?: boolean };
  }
}

function sameKey(a: QueryKey, b: QueryKey): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/**
 * The query client. A 401 from any call marks the user as signed out (the layout then goes
 * back to the login page); a "password change required" answer reloads the user, whose
 * `mustChangePassword` shows the password screen. Client errors are not retried.
 */
export function createQueryClient(): QueryClient {
  const handleSessionError = (error: unknown, key?: QueryKey) => {
    if (!isApiError(error)) return;
    if (key && sameKey(key, ME_KEY)) return;
    if (error.status === 401) queryClient.setQueryData(ME_KEY, null);
    else if (error.code === 'auth.password_change_required') void queryClient.invalidateQueries({ queryKey: ME_KEY });
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handleSessionError(error, query.queryKey) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.skipSessionHandling) handleSessionError(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
