import { MODULE_PATHS } from '@cerise/common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { useAnalyseImport, type ImportFiles, type ImportKind } from './imports.api.ts';
import { isAbortError } from './upload.ts';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; kind: ImportKind; loaded: number; total: number }
  | { phase: 'analysing'; kind: ImportKind }
  | { phase: 'failed'; kind: ImportKind; error: unknown }
  | { phase: 'cancelled'; kind: ImportKind };

export type UploadFlow = {
  state: UploadState;
  /** Whether an upload or an analysis is under way (one at a time on the page). */
  isBusy: boolean;
  start: (files: ImportFiles) => void;
  cancel: () => void;
  /** Forgets a past error or cancellation of this kind (a new file was chosen). */
  reset: (kind: ImportKind) => void;
};

/**
 * Step 1 of an import on the page: upload with progress, then « Analyse en cours… » until the
 * server answers; the analysis then opens on its own page (`imports/:runId`).
 */
export function useUploadFlow(): UploadFlow {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const analyse = useAnalyseImport();
  const navigate = useNavigate();
  const { establishment } = useCurrentUser();
  const isBusy = state.phase === 'uploading' || state.phase === 'analysing';

  // Leaving the page stops an upload in progress.
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    (files: ImportFiles) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      const { kind } = files;
      setState({ phase: 'uploading', kind, loaded: 0, total: 0 });
      analyse.mutate(
        {
          files,
          signal: abort.signal,
          onProgress: (loaded, total) =>
            setState((s) => (s.phase === 'uploading' ? { phase: 'uploading', kind, loaded, total } : s)),
          onUploaded: () => setState({ phase: 'analysing', kind }),
        },
        {
          onSuccess: (report) => {
            setState({ phase: 'idle' });
            if (report.runId) void navigate(`/${establishment.uai}/${MODULE_PATHS.imports}/${report.runId}`);
          },
          onError: (error) => setState(isAbortError(error) ? { phase: 'cancelled', kind } : { phase: 'failed', kind, error }),
          onSettled: () => {
            controller.current = null;
          },
        },
      );
    },
    [analyse, establishment.uai, navigate],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  const reset = useCallback((kind: ImportKind) => {
    setState((s) => ((s.phase === 'failed' || s.phase === 'cancelled') && s.kind === kind ? { phase: 'idle' } : s));
  }, []);

  return { state, isBusy, start, cancel, reset };
}
