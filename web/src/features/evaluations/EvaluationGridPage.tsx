import type { Evaluation } from '@cerise/common';
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useEvaluation } from './evaluations.api.ts';
import { formatDate } from './format.ts';
import { CommentsPanel } from './grid/CommentsPanel.tsx';
import { ConflictList } from './grid/ConflictList.tsx';
import { GridToolbar } from './grid/GridToolbar.tsx';
import { LevelLegend } from './grid/LevelLegend.tsx';
import { ResultsGrid } from './grid/ResultsGrid.tsx';
import { SaveBar } from './grid/SaveBar.tsx';
import { useResultsGrid } from './grid/use-results-grid.ts';

/** Saisie des résultats (docs/guide.md § 3.6.2): the grid, its legend, its menu, the comments. */
export function EvaluationGridPage() {
  const { evaluationId } = useParams();
  const query = useEvaluation(evaluationId);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <GridScreen evaluation={query.data} />;
}

function GridScreen({ evaluation }: { evaluation: Evaluation }) {
  const me = useCurrentUser();
  const grid = useResultsGrid(evaluation, me.id);
  const [transposed, setTransposed] = useState(false);
  const [advance, setAdvance] = useState<'down' | 'right'>('down');
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const readOnly = !evaluation.canEdit;
  const onTranspose = useCallback(() => setTransposed((v) => !v), []);
  const onInfo = useCallback((text: string) => setMessage({ text, isError: false }), []);
  const onGridMessage = useCallback((text: string, isError: boolean) => setMessage({ text, isError }), []);
  const uai = me.establishment.uai;

  return (
    <>
      <Anchor component={Link} to={`/${uai}/evaluations`} size="sm">
        {t('evaluations.backToList')}
      </Anchor>
      <PageTitle documentTitle={evaluation.title}>{t('evaluations.grid.heading', { title: evaluation.title })}</PageTitle>
      <Text mb="sm">
        {t('evaluations.grid.meta', { date: formatDate(evaluation.evaluatedOn), learners: evaluation.learners.length, competencies: evaluation.competencies.length })}
      </Text>
      {readOnly && (
        <Alert color="gray" mb="sm">
          {t('evaluations.grid.readOnly')}
        </Alert>
      )}
      <GridToolbar
        evaluation={evaluation}
        flush={grid.flush}
        currentValues={grid.currentValues}
        readOnly={readOnly}
        transposed={transposed}
        onTranspose={onTranspose}
        advance={advance}
        onAdvance={setAdvance}
        onMessage={onInfo}
      />
      {!readOnly && <SaveBar grid={grid} />}
      <ConflictList conflicts={grid.conflicts} evaluation={evaluation} onResolve={grid.resolve} />
      {grid.discarded > 0 && (
        <Alert color="orange" mb="sm" role="alert">
          {t('evaluations.grid.discarded', { count: grid.discarded })}
        </Alert>
      )}
      <LevelLegend />
      <Text size="sm" c="dimmed" mb="xs" id="evaluations-keys-help">
        {t('evaluations.grid.keysHelp')}
      </Text>
      {message?.isError ? (
        <Alert color="red" mb="xs" role="alert">
          {message.text}
        </Alert>
      ) : (
        <Text size="sm" role="status" mb="xs" mih="1.25rem">
          {message?.text ?? ''}
        </Text>
      )}
      <ResultsGrid
        evaluation={evaluation}
        grid={grid}
        transposed={transposed}
        advance={advance}
        readOnly={readOnly}
        onMessage={onGridMessage}
      />
      <Group mt="lg" />
      <CommentsPanel evaluation={evaluation} readOnly={readOnly} />
    </>
  );
}
