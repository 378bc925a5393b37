import {
  ClassCcfSchema,
  ClassOverviewSchema,
  DashboardChildrenSchema,
  DashboardDivisionsSchema,
  DashboardFilterListSchema,
  DashboardFilterSchema,
  DashboardLearnersSchema,
  LearnerDashboardSchema,
  type SaveDashboardFilterRequest,
  type UpdateDashboardFilterRequest,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

const BASE = '/api/v1/dashboard';
const FILTERS_KEY = ['dashboard', 'filters'] as const;

export function useDashboardDivisions(enabled = true) {
  return useQuery({ queryKey: ['dashboard', 'divisions'], queryFn: () => api.get(`${BASE}/divisions`, { schema: DashboardDivisionsSchema }), enabled });
}

export function useDivisionLearners(divisionId: string) {
  return useQuery({
    queryKey: ['dashboard', 'division', divisionId, 'learners'],
    queryFn: () => api.get(`${BASE}/divisions/${encodeURIComponent(divisionId)}/learners`, { schema: DashboardLearnersSchema }),
    enabled: divisionId !== '',
  });
}

export function useChildren(enabled = true) {
  return useQuery({ queryKey: ['dashboard', 'children'], queryFn: () => api.get(`${BASE}/children`, { schema: DashboardChildrenSchema }), enabled });
}

export function useLearnerDashboard(learnerId: string) {
  return useQuery({
    queryKey: ['dashboard', 'learner', learnerId],
    queryFn: () => api.get(`${BASE}/learners/${encodeURIComponent(learnerId)}`, { schema: LearnerDashboardSchema }),
    enabled: learnerId !== '',
  });
}

export const learnerPdfPath = (learnerId: string) => `${BASE}/learners/${encodeURIComponent(learnerId)}/pdf`;

export function useClassOverview(divisionId: string) {
  return useQuery({
    queryKey: ['dashboard', 'division', divisionId, 'overview'],
    queryFn: () => api.get(`${BASE}/divisions/${encodeURIComponent(divisionId)}/overview`, { schema: ClassOverviewSchema }),
    enabled: divisionId !== '',
  });
}

export function useClassCcf(divisionId: string) {
  return useQuery({
    queryKey: ['dashboard', 'division', divisionId, 'ccf'],
    queryFn: () => api.get(`${BASE}/divisions/${encodeURIComponent(divisionId)}/ccf`, { schema: ClassCcfSchema }),
    enabled: divisionId !== '',
  });
}

export function useTeacherFilters(enabled = true) {
  return useQuery({ queryKey: FILTERS_KEY, queryFn: () => api.get(`${BASE}/filters`, { schema: DashboardFilterListSchema }), enabled });
}

export function useCreateFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveDashboardFilterRequest) => api.post(`${BASE}/filters`, body, { schema: DashboardFilterSchema }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: FILTERS_KEY }),
  });
}

export function useUpdateFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateDashboardFilterRequest & { id: string }) => api.put(`${BASE}/filters/${encodeURIComponent(id)}`, body, { schema: DashboardFilterSchema }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: FILTERS_KEY }),
  });
}

export function useDeleteFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${BASE}/filters/${encodeURIComponent(id)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: FILTERS_KEY }),
  });
}
