import {
  SettingsResponseSchema,
  type ChangeSchoolYearRequest,
  type SettingsResponse,
  type UpdateCalculationSettingsRequest,
  type UpdateEstablishmentDetailsRequest,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { ME_KEY } from '../auth/auth.api.ts';

export const SETTINGS_KEY = ['settings'] as const;

export function fetchSettings(): Promise<SettingsResponse> {
  return api.get('/api/v1/settings', { schema: SettingsResponseSchema });
}

/** The establishment's details and calculation settings (administrators). */
export function useSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: fetchSettings });
}

/** Both saves answer the whole new state: both forms refresh from it. */
function useSettingsSave<I>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.put(path, input, { schema: SettingsResponseSchema }),
    onSuccess: (result) => {
      queryClient.setQueryData(SETTINGS_KEY, result);
      // The header shows the establishment's name.
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useSaveEstablishmentDetails() {
  return useSettingsSave<UpdateEstablishmentDetailsRequest>('/api/v1/settings/establishment');
}

export function useSaveCalculationSettings() {
  return useSettingsSave<UpdateCalculationSettingsRequest>('/api/v1/settings/calculation');
}

/**
 * « Passer à l'année … »: every cached screen (classes, users, dashboards…) belongs to the former
 * year, so all queries are refreshed.
 */
export function useChangeSchoolYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangeSchoolYearRequest) => api.post('/api/v1/settings/school-year', input, { schema: SettingsResponseSchema }),
    onSuccess: (result) => {
      queryClient.setQueryData(SETTINGS_KEY, result);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SETTINGS_KEY[0] });
    },
  });
}
