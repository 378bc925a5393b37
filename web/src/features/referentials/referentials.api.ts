import {
  CompetencySchema,
  ImportReportSchema,
  ReferentialListResponseSchema,
  ReferentialTreeSchema,
  type Competency,
  type CompetencyItemList,
  type ImportReport,
  type ReferentialTree,
} from '@cerise/common';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, hasCode, isApiError } from '../../app/api.ts';
import { downloadFile } from '../../app/download.ts';

const BASE = '/api/v1/referentials';

export const referentialKeys = {
  all: ['referentials'] as const,
  list: () => ['referentials', 'list'] as const,
  tree: (id: string) => ['referentials', 'tree', id] as const,
};

/** The French problems listed by the server in `details.problems` (import format errors). */
export function errorProblems(error: unknown): string[] {
  if (!isApiError(error)) return [];
  const details = error.details as { problems?: unknown } | undefined;
  return Array.isArray(details?.problems) ? details.problems.filter((p): p is string => typeof p === 'string') : [];
}

export function isVersionConflict(error: unknown): boolean {
  return hasCode(error, 'referentials.version_conflict');
}

// --- reading ----------------------------------------------------------------------------------

export function useReferentials() {
  return useQuery({
    queryKey: referentialKeys.list(),
    queryFn: () => api.get(BASE, { schema: ReferentialListResponseSchema }),
    staleTime: 60_000,
  });
}

/**
 * The whole tree of a referential. The server answers with an ETag and `no-cache`: the
 * browser revalidates it and gets a 304 when nothing changed.
 */
export function useReferentialTree(referentialId: string | undefined) {
  return useQuery({
    queryKey: referentialKeys.tree(referentialId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`${BASE}/${encodeURIComponent(referentialId!)}/tree`, { schema: ReferentialTreeSchema, signal }),
    enabled: Boolean(referentialId),
    staleTime: 5 * 60_000,
  });
}

/** The referential to use: the one given, or the establishment's first. */
export function useResolvedReferentialId(referentialId: string | undefined) {
  const list = useReferentials();
  const resolved = referentialId ?? list.data?.referentials[0]?.id;
  const isEmpty = !referentialId && list.isSuccess && list.data.referentials.length === 0;
  return { referentialId: resolved, isEmpty, isPending: !referentialId && list.isPending, error: referentialId ? null : list.error, refetch: list.refetch };
}

// --- editing (administrators) -----------------------------------------------------------------

/** Puts an updated competency in the cached tree, in place. */
function replaceCompetency(queryClient: QueryClient, referentialId: string, competency: Competency): void {
  queryClient.setQueryData<ReferentialTree>(referentialKeys.tree(referentialId), (tree) => {
    if (!tree) return tree;
    const toComplete = tree.poles
      .flatMap((p) => p.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies)))
      .reduce((n, k) => n + ((k.id === competency.id ? competency.toComplete : k.toComplete) ? 1 : 0), 0);
    return {
      ...tree,
      counts: { ...tree.counts, toComplete },
      poles: tree.poles.map((pole) => ({
        ...pole,
        classes: pole.classes.map((situationClass) => ({
          ...situationClass,
          situations: situationClass.situations.map((situation) =>
            situation.competencies.some((k) => k.id === competency.id)
              ? { ...situation, competencies: situation.competencies.map((k) => (k.id === competency.id ? competency : k)) }
              : situation,
          ),
        })),
      })),
    };
  });
}

export type CompetencyEdit =
  | { kind: 'toComplete'; toComplete: boolean }
  | { kind: 'add'; list: CompetencyItemList; label: string }
  | { kind: 'rename'; list: CompetencyItemList; itemId: string; label: string }
  | { kind: 'reorder'; list: CompetencyItemList; ids: string[] }
  | { kind: 'delete'; list: CompetencyItemList; itemId: string };

function sendEdit(referentialId: string, competency: Competency, edit: CompetencyEdit): Promise<Competency> {
  const base = `${BASE}/${encodeURIComponent(referentialId)}/competencies/${encodeURIComponent(competency.id)}`;
  const version = competency.version;
  const options = { schema: CompetencySchema };
  switch (edit.kind) {
    case 'toComplete':
      return api.patch(base, { toComplete: edit.toComplete, version }, options);
    case 'add':
      return api.post(`${base}/${edit.list}`, { label: edit.label, version }, options);
    case 'rename':
      return api.patch(`${base}/${edit.list}/${encodeURIComponent(edit.itemId)}`, { label: edit.label, version }, options);
    case 'reorder':
      return api.put(`${base}/${edit.list}/order`, { ids: edit.ids, version }, options);
    case 'delete':
      return api.delete(`${base}/${edit.list}/${encodeURIComponent(edit.itemId)}?version=${version}`, options);
  }
}

/** One edit of a competency, sent with the version read; the answer replaces it in the tree. */
export function useEditCompetency(referentialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ competency, edit }: { competency: Competency; edit: CompetencyEdit }) => sendEdit(referentialId, competency, edit),
    onSuccess: (competency) => {
      replaceCompetency(queryClient, referentialId, competency);
      void queryClient.invalidateQueries({ queryKey: referentialKeys.list() });
    },
  });
}

/** Reads a competency again (after a version conflict). */
export function useReloadCompetency(referentialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (competencyId: string) =>
      api.get(`${BASE}/${encodeURIComponent(referentialId)}/competencies/${encodeURIComponent(competencyId)}`, {
        schema: CompetencySchema,
      }),
    onSuccess: (competency) => replaceCompetency(queryClient, referentialId, competency),
  });
}

// --- exchange ----------------------------------------------------------------------------------

/** Downloads the referential's exchange file (JSON), named by the server. */
export function downloadReferentialExport(referentialId: string): Promise<string> {
  return downloadFile('GET', `${BASE}/${encodeURIComponent(referentialId)}/export`, 'referentiel.json');
}

export function useExportReferential() {
  return useMutation({ mutationFn: downloadReferentialExport });
}

/** Sends an exchange file as typed: `dryRun` analyses without changing anything. */
export function useImportReferential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ content, dryRun }: { content: string; dryRun: boolean }): Promise<ImportReport> => {
      const response = await api.raw('POST', `${BASE}/import${dryRun ? '?dryRun=true' : ''}`, content);
      return ImportReportSchema.parse(await response.json());
    },
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: referentialKeys.all });
    },
  });
}
