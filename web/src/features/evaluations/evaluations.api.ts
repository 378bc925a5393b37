import {
  EvaluationChildrenResponseSchema,
  EvaluationChoicesSchema,
  EvaluationListResponseSchema,
  EvaluationSchema,
  LearnerEvaluationListResponseSchema,
  LearnerEvaluationSchema,
  type CreateEvaluationRequest,
  type Evaluation,
  type UpdateEvaluationRequest,
} from '@cerise/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

const BASE = '/api/v1/evaluations';
export const evaluationKeys = {
  all: ['evaluations'] as const,
  list: (q: Record<string, unknown>) => ['evaluations', 'list', q] as const,
  one: (id: string) => ['evaluations', 'one', id] as const,
  choices: ['evaluations', 'choices'] as const,
  learnerSide: ['evaluations', 'learner-side'] as const,
};

const query = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

export type ListFilters = { title: string; date: string; classId: string; page: number };

export function useEvaluationList(f: ListFilters) {
  return useQuery({
    queryKey: evaluationKeys.list(f),
    queryFn: () => api.get(`${BASE}?${query({ ...f, pageSize: 20 })}`, { schema: EvaluationListResponseSchema }),
    placeholderData: keepPreviousData,
  });
}

export function useEvaluation(id: string | undefined) {
  return useQuery({
    queryKey: evaluationKeys.one(id ?? ''),
    queryFn: () => api.get(`${BASE}/${id}`, { schema: EvaluationSchema }),
    enabled: id !== undefined,
    // The grid holds its own live state: no refetch under the user's fingers.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

export function useEvaluationChoices() {
  return useQuery({ queryKey: evaluationKeys.choices, queryFn: () => api.get(`${BASE}/choices`, { schema: EvaluationChoicesSchema }), staleTime: 60_000 });
}

export function useSaveDefinition(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEvaluationRequest | UpdateEvaluationRequest) =>
      id ? api.patch<Evaluation>(`${BASE}/${id}`, body, { schema: EvaluationSchema }) : api.post<Evaluation>(BASE, body, { schema: EvaluationSchema }),
    onSuccess: (e) => {
      qc.setQueryData(evaluationKeys.one(e.id), e);
      void qc.invalidateQueries({ queryKey: ['evaluations', 'list'] });
    },
  });
}

export function useDeleteEvaluation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (e: { id: string; version: number }) => api.delete(`${BASE}/${e.id}?version=${e.version}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluations', 'list'] }),
  });
}

export function saveComment(id: string, learnerId: string, comment: string, version: number) {
  return api.put<{ comment: string; commentVersion: number }>(`${BASE}/${id}/learners/${learnerId}/comment`, { comment, version });
}

/** The scenario to prefill from (scenarios module); null when it cannot be read. */
export type ScenarioPrefill = { title: string; competencies: { competencyId: string; complexityIds: string[]; hazardIds: string[] }[] };
export function useScenarioPrefill(id: string | null) {
  return useQuery({
    queryKey: ['evaluations', 'scenario-prefill', id],
    enabled: id !== null,
    retry: false,
    queryFn: async (): Promise<ScenarioPrefill | null> => {
      try {
        const s = await api.get<Record<string, unknown>>(`/api/v1/scenarios/${id}`);
        const list = Array.isArray(s.competencies) ? (s.competencies as Record<string, unknown>[]) : [];
        const ids = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String((x as { id?: unknown }).id ?? ''))).filter(Boolean) : []);
        return {
          title: typeof s.title === 'string' ? s.title : '',
          competencies: list
            .map((c) => ({
              competencyId: String(c.competencyId ?? (c.competency as { id?: string } | undefined)?.id ?? c.id ?? ''),
              complexityIds: ids(c.complexityIds ?? c.complexities),
              hazardIds: ids(c.hazardIds ?? c.hazards),
            }))
            .filter((c) => c.competencyId),
        };
      } catch {
        return null;
      }
    },
  });
}

// --- learner and parent side -----------------------------------------------------------------

export function useEvaluationPeople() {
  return useQuery({ queryKey: [...evaluationKeys.learnerSide, 'people'], queryFn: () => api.get('/api/v1/learner-evaluations/people', { schema: EvaluationChildrenResponseSchema }) });
}

export function useLearnerEvaluations(f: { learnerId: string | null; title: string; date: string; page: number }) {
  return useQuery({
    queryKey: [...evaluationKeys.learnerSide, 'list', f],
    enabled: f.learnerId !== null,
    placeholderData: keepPreviousData,
    queryFn: () => api.get(`/api/v1/learner-evaluations?${query({ ...f, learnerId: f.learnerId ?? '', pageSize: 20 })}`, { schema: LearnerEvaluationListResponseSchema }),
  });
}

export function useLearnerEvaluation(id: string | undefined, learnerId: string | null) {
  return useQuery({
    queryKey: [...evaluationKeys.learnerSide, 'one', id, learnerId],
    enabled: id !== undefined && learnerId !== null,
    queryFn: () => api.get(`/api/v1/learner-evaluations/${id}?${query({ learnerId: learnerId ?? '' })}`, { schema: LearnerEvaluationSchema }),
  });
}
