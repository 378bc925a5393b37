import {
  BepChoicesResponseSchema,
  PassportChildrenResponseSchema,
  PassportClassesResponseSchema,
  SituationDetailSchema,
  SituationListResponseSchema,
  type AttachmentPart,
  type ReviewInput,
  type SituationInput,
} from '@cerise/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { downloadFile } from '../../app/download.ts';

const BASE = '/api/v1/passport';
export const PASSPORT_KEY = ['passport'] as const;

export type SituationFilters = { title: string; date: string; competency: string; page: number };

export function useSituations(learnerId: string | undefined, f: SituationFilters) {
  const q = new URLSearchParams();
  if (f.title.trim()) q.set('title', f.title.trim());
  if (f.date.trim()) q.set('date', f.date.trim());
  if (f.competency.trim()) q.set('competency', f.competency.trim());
  q.set('page', String(f.page));
  q.set('pageSize', '25');
  return useQuery({
    queryKey: [...PASSPORT_KEY, 'list', learnerId, f],
    queryFn: ({ signal }) => api.get(`${BASE}/learners/${encodeURIComponent(learnerId!)}/situations?${q.toString()}`, { schema: SituationListResponseSchema, signal }),
    enabled: Boolean(learnerId),
    placeholderData: keepPreviousData,
  });
}

export function useSituation(id: string | undefined) {
  return useQuery({
    queryKey: [...PASSPORT_KEY, 'situation', id],
    queryFn: ({ signal }) => api.get(`${BASE}/situations/${encodeURIComponent(id!)}`, { schema: SituationDetailSchema, signal }),
    enabled: Boolean(id),
  });
}

export function useBepChoices(competencyId: string | null) {
  return useQuery({
    queryKey: [...PASSPORT_KEY, 'bep', competencyId],
    queryFn: ({ signal }) => api.get(`${BASE}/bep-activities?competencyId=${encodeURIComponent(competencyId!)}`, { schema: BepChoicesResponseSchema, signal }),
    enabled: Boolean(competencyId),
    staleTime: 5 * 60_000,
  });
}

export function usePassportClasses(enabled = true) {
  return useQuery({ queryKey: [...PASSPORT_KEY, 'classes'], queryFn: () => api.get(`${BASE}/classes`, { schema: PassportClassesResponseSchema }), enabled });
}

export function usePassportChildren(enabled = true) {
  return useQuery({ queryKey: [...PASSPORT_KEY, 'children'], queryFn: () => api.get(`${BASE}/children`, { schema: PassportChildrenResponseSchema }), enabled });
}

/** Every mutation refreshes the passport's cached lists and situations. */
function usePassportMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: PASSPORT_KEY }) });
}

export const useCreateSituation = () => usePassportMutation((input: SituationInput) => api.post(`${BASE}/situations`, input, { schema: SituationDetailSchema }));
export const useUpdateSituation = () =>
  usePassportMutation(({ id, input }: { id: string; input: SituationInput & { version: number } }) => api.put(`${BASE}/situations/${id}`, input, { schema: SituationDetailSchema }));
export const useDeleteSituation = () => usePassportMutation(({ id, version }: { id: string; version: number }) => api.delete(`${BASE}/situations/${id}?version=${version}`));
export const useAddAttachment = () =>
  usePassportMutation(({ id, file, part }: { id: string; file: File; part: AttachmentPart }) => {
    const form = new FormData();
    form.append('part', part);
    form.append('file', file, file.name);
    return api.post(`${BASE}/situations/${id}/attachments`, form, { schema: SituationDetailSchema });
  });
export const useRemoveAttachment = () => usePassportMutation(({ id, attachmentId }: { id: string; attachmentId: string }) => api.delete(`${BASE}/situations/${id}/attachments/${attachmentId}`));
export const useReview = () => usePassportMutation(({ id, input }: { id: string; input: ReviewInput }) => api.post(`${BASE}/situations/${id}/reviews`, input, { schema: SituationDetailSchema }));
export const useAdjustItems = () =>
  usePassportMutation(({ id, complexityIds, hazardIds, version }: { id: string; complexityIds: string[]; hazardIds: string[]; version: number }) =>
    api.put(`${BASE}/situations/${id}/items`, { complexityIds, hazardIds, version }, { schema: SituationDetailSchema }),
  );
export const useSetBlocked = () =>
  usePassportMutation(({ learnerId, competencyId, blocked }: { learnerId: string; competencyId: string; blocked: boolean }) =>
    blocked ? api.put(`${BASE}/learners/${learnerId}/blocked/${competencyId}`) : api.delete(`${BASE}/learners/${learnerId}/blocked/${competencyId}`),
  );

export const downloadAttachment = (situationId: string, attachmentId: string, filename: string) =>
  downloadFile('GET', `${BASE}/situations/${situationId}/attachments/${attachmentId}`, filename);
export const downloadExtract = (learnerId: string, pole: string) =>
  downloadFile('GET', `${BASE}/learners/${learnerId}/extract.pdf${pole ? `?pole=${encodeURIComponent(pole)}` : ''}`, 'passeport.pdf');
export const downloadClassExtracts = (divisionId: string, pole: string) =>
  downloadFile('GET', `${BASE}/classes/${divisionId}/extracts.zip${pole ? `?pole=${encodeURIComponent(pole)}` : ''}`, 'passeports.zip');
