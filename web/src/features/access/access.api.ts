import {
  AccessLearnersResponseSchema,
  AccessParentsResponseSchema,
  ParentPasswordResetResponseSchema,
  ResetLearnersResponseSchema,
  type PasswordHandover,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { downloadFile } from '../../app/download.ts';
import { USERS_KEY } from '../users/users.api.ts';

const ACCESS_KEY = ['access'] as const;
const base = (divisionId: string) => `/api/v1/access/divisions/${encodeURIComponent(divisionId)}`;

export function learnersCsvUrl(divisionId: string): string {
  return `${base(divisionId)}/learners.csv`;
}

export function useDivisionLearners(divisionId: string) {
  return useQuery({
    queryKey: [...ACCESS_KEY, divisionId, 'learners'],
    queryFn: () => api.get(`${base(divisionId)}/learners`, { schema: AccessLearnersResponseSchema }),
    enabled: divisionId !== '',
  });
}

export function useDivisionParents(divisionId: string) {
  return useQuery({
    queryKey: [...ACCESS_KEY, divisionId, 'parents'],
    queryFn: () => api.get(`${base(divisionId)}/parents`, { schema: AccessParentsResponseSchema }),
    enabled: divisionId !== '',
  });
}

function useAccessMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ACCESS_KEY });
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
}

/** « Réinitialiser tous les comptes marqués »: back to jjmmaaaa, new password forced. */
export function useResetLearners(divisionId: string) {
  return useAccessMutation((learnerIds: string[]) =>
    api.post(`${base(divisionId)}/learners/reset`, { learnerIds }, { schema: ResetLearnersResponseSchema }),
  );
}

/** A parent's password reset: by mail, or shown once for a letter. */
export function useResetParentPassword(parentId: string) {
  return useAccessMutation((delivery: PasswordHandover) =>
    api.post(`/api/v1/access/parents/${encodeURIComponent(parentId)}/password-reset`, { delivery }, { schema: ParentPasswordResetResponseSchema }),
  );
}

/** The PDF letters of the ticked parents (each gets a new temporary password). */
export function useParentLetters(divisionId: string) {
  return useAccessMutation(({ parentIds, fallbackName }: { parentIds: string[]; fallbackName: string }) =>
    downloadFile('POST', `${base(divisionId)}/parents/letters`, fallbackName, { parentIds }),
  );
}
