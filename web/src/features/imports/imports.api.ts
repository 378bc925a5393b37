import {
  SiecleImportReportSchema,
  SiecleImportRunSummarySchema,
  type SiecleImportReport,
  type SiecleImportRunSummary,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { postFormWithProgress } from './upload.ts';

export type ImportKind = SiecleImportReport['kind'];

/** The upload fields of each kind (server: `SLOTS` of siecle.routes.ts). */
export type ImportFiles =
  | { kind: 'teachers'; teachers: File }
  | { kind: 'learners'; eleves?: File; responsables?: File; zip?: File };

export const importKeys = {
  all: ['imports'] as const,
  history: ['imports', 'history'] as const,
  run: (runId: string) => ['imports', 'run', runId] as const,
};

const HistorySchema = {
  parse(value: unknown): SiecleImportRunSummary[] {
    const items = (value as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) throw new TypeError('Unexpected history answer');
    return items.map((item) => SiecleImportRunSummarySchema.parse(item));
  },
};

export const reportCsvUrl = (runId: string) => `/api/v1/imports/${encodeURIComponent(runId)}/report.csv`;
export const reportPdfUrl = (runId: string) => `/api/v1/imports/${encodeURIComponent(runId)}/report.pdf`;

/** « Historique des importations »: the last 100 runs, newest first. */
export function useImportHistory() {
  return useQuery({
    queryKey: importKeys.history,
    queryFn: ({ signal }) => api.get('/api/v1/imports', { schema: HistorySchema, signal }),
  });
}

/** The analysis (not applied yet) or the report of one run. */
export function useImportRun(runId: string) {
  return useQuery({
    queryKey: importKeys.run(runId),
    queryFn: ({ signal }) => api.get(`/api/v1/imports/${encodeURIComponent(runId)}`, { schema: SiecleImportReportSchema, signal }),
  });
}

export type AnalyseInput = {
  files: ImportFiles;
  onProgress: (loaded: number, total: number) => void;
  onUploaded: () => void;
  signal: AbortSignal;
};

function formOf(files: ImportFiles): FormData {
  const form = new FormData();
  if (files.kind === 'teachers') {
    form.append('teachers', files.teachers, files.teachers.name);
  } else {
    for (const slot of ['eleves', 'responsables', 'zip'] as const) {
      const file = files[slot];
      if (file) form.append(slot, file, file.name);
    }
  }
  return form;
}

/** Step 1: upload the files (with progress); the server checks them and counts what would change. */
export function useAnalyseImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ files, onProgress, onUploaded, signal }: AnalyseInput) =>
      postFormWithProgress(`/api/v1/imports/${files.kind}/analysis`, formOf(files), {
        onProgress,
        onUploaded,
        signal,
        schema: SiecleImportReportSchema,
      }),
    onSuccess: (report) => {
      if (report.runId) queryClient.setQueryData(importKeys.run(report.runId), report);
      void queryClient.invalidateQueries({ queryKey: importKeys.history });
    },
  });
}

/** Step 2: apply an analysed import, in one transaction; answers the report with the passwords. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      api.post(`/api/v1/imports/${encodeURIComponent(runId)}/apply`, undefined, { schema: SiecleImportReportSchema }),
    onSuccess: (report, runId) => {
      queryClient.setQueryData(importKeys.run(runId), report);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.history });
    },
  });
}

/** « Analyser à nouveau »: the same kept files analysed again, as a new analysis (the old one goes). */
export function useReanalyseImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      api.post(`/api/v1/imports/${encodeURIComponent(runId)}/reanalysis`, undefined, { schema: SiecleImportReportSchema }),
    onSuccess: (report, runId) => {
      queryClient.removeQueries({ queryKey: importKeys.run(runId) });
      if (report.runId) queryClient.setQueryData(importKeys.run(report.runId), report);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.history });
    },
  });
}

/** « Annuler » an analysis: the server forgets it and its files (an applied import stays). */
export function useCancelAnalysis() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => api.delete(`/api/v1/imports/${encodeURIComponent(runId)}`),
    onSettled: (_data, _error, runId) => {
      queryClient.removeQueries({ queryKey: importKeys.run(runId) });
      void queryClient.invalidateQueries({ queryKey: importKeys.history });
    },
  });
}
