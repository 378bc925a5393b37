import {
  ScenarioAttachmentsResponseSchema,
  ScenarioLearnersResponseSchema,
  ScenarioListResponseSchema,
  ScenarioSchema,
  type CreateScenarioRequest,
  type DuplicateScenarioRequest,
  type SchoolLevel,
  type UpdateScenarioRequest,
} from '@cerise/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { downloadFile } from '../../app/download.ts';

export const SCENARIOS_KEY = ['scenarios'] as const;
const base = '/api/v1/scenarios';

export type ScenarioFilters = {
  search: string;
  author: string;
  level: SchoolLevel | '';
  competency: string;
  page: number;
  pageSize: number;
};

function listPath(f: ScenarioFilters): string {
  const q = new URLSearchParams();
  if (f.search.trim()) q.set('search', f.search.trim());
  if (f.author) q.set('author', f.author);
  if (f.level) q.set('level', f.level);
  if (f.competency.trim()) q.set('competency', f.competency.trim());
  q.set('page', String(f.page));
  q.set('pageSize', String(f.pageSize));
  return `${base}?${q.toString()}`;
}

/** One page of the list; the previous page stays shown while the next loads. */
export function useScenarios(filters: ScenarioFilters) {
  return useQuery({
    queryKey: [...SCENARIOS_KEY, 'list', filters],
    queryFn: () => api.get(listPath(filters), { schema: ScenarioListResponseSchema }),
    placeholderData: keepPreviousData,
  });
}

export function useScenario(id: string | undefined) {
  return useQuery({
    queryKey: [...SCENARIOS_KEY, 'one', id],
    queryFn: () => api.get(`${base}/${id}`, { schema: ScenarioSchema }),
    enabled: Boolean(id),
  });
}

export function useScenarioLearners(id: string | undefined) {
  return useQuery({
    queryKey: [...SCENARIOS_KEY, 'learners', id],
    queryFn: () => api.get(`${base}/${id}/learners`, { schema: ScenarioLearnersResponseSchema }),
    enabled: Boolean(id),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: SCENARIOS_KEY });
}

export function useCreateScenario() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateScenarioRequest) => api.post(base, body, { schema: ScenarioSchema }),
    onSuccess: invalidate,
  });
}

export function useUpdateScenario(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateScenarioRequest) => api.put(`${base}/${id}`, body, { schema: ScenarioSchema }),
    onSuccess: (saved) => {
      client.setQueryData([...SCENARIOS_KEY, 'one', id], saved);
      void client.invalidateQueries({ queryKey: [...SCENARIOS_KEY, 'list'] });
    },
  });
}

export function useDeleteScenario() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`${base}/${id}`), onSuccess: invalidate });
}

export function useDuplicateScenario() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DuplicateScenarioRequest }) => api.post(`${base}/${id}/duplicate`, body, { schema: ScenarioSchema }),
    onSuccess: invalidate,
  });
}

export function useAddAttachments(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (files: File[]) => {
      const form = new FormData();
      for (const f of files) form.append('files', f, f.name);
      return api.post(`${base}/${id}/attachments`, form, { schema: ScenarioAttachmentsResponseSchema });
    },
    onSuccess: invalidate,
  });
}

export function useRemoveAttachment(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (attachmentId: string) => api.delete(`${base}/${id}/attachments/${attachmentId}`), onSuccess: invalidate });
}

export const downloadAttachment = (id: string, attachmentId: string, name: string) => downloadFile('GET', `${base}/${id}/attachments/${attachmentId}`, name);
export const exportScenario = (id: string, title: string) => downloadFile('GET', `${base}/${id}/export.docx`, `${title}.docx`);
