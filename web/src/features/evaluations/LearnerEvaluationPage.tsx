import { LEVEL_BY_CODE } from '@cerise/common';
import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useLearnerEvaluation } from './evaluations.api.ts';
import { formatDate, personName } from './format.ts';
import classes from './grid/grid-panels.module.css';

/** One visible evaluation: the learner's own results, the competencies with their conditions, the comment. */
export function LearnerEvaluationPage() {
  const { evaluationId } = useParams();
  const [params] = useSearchParams();
  const learnerId = params.get('apprenant');
  const q = useLearnerEvaluation(evaluationId, learnerId);
  const back = (
    <Anchor component={Link} to={`../..${learnerId ? `?apprenant=${learnerId}` : ''}`} relative="path" size="sm">
      {t('evaluations.learner.back')}
    </Anchor>
  );
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    return (
      <>
        {back}
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const e = q.data;
  return (
    <>
      {back}
      <PageTitle>{e.title}</PageTitle>
      <Text mb="md">{t('evaluations.learner.detailMeta', { date: formatDate(e.evaluatedOn), teacher: personName(e.author), learner: personName(e.learner) })}</Text>
      <Table.ScrollContainer minWidth={340}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evaluations.learner.competency')}</Table.Th>
              <Table.Th scope="col">{t('evaluations.learner.level')}</Table.Th>
              <Table.Th scope="col">{t('evaluations.learner.conditions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.competencies.map((c) => {
              const info = c.level ? LEVEL_BY_CODE[c.level] : null;
              return (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={400}>
                    <strong>{c.code}</strong> {c.label}
                  </Table.Th>
                  <Table.Td>
                    {info ? (
                      <span title={info.meaning}>
                        <span className={classes.swatch} style={{ background: info.color, color: info.text }} aria-hidden="true">
                          {info.short}
                        </span>{' '}
                        {info.label}
                      </span>
                    ) : (
                      t('evaluations.learner.notEvaluated')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.complexities.length === 0 && c.hazards.length === 0 && t('evaluations.learner.none')}
                    {c.complexities.length > 0 && <div>{t('evaluations.learner.complexities', { list: c.complexities.map((i) => i.label).join(' ; ') })}</div>}
                    {c.hazards.length > 0 && <div>{t('evaluations.learner.hazards', { list: c.hazards.map((i) => i.label).join(' ; ') })}</div>}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={2} size="h4" mt="lg" mb="xs">
        {t('evaluations.learner.comment')}
      </Title>
      <Paper withBorder p="sm">
        <Text style={{ whiteSpace: 'pre-wrap' }}>{e.comment || t('evaluations.learner.noComment')}</Text>
      </Paper>
    </>
  );
}
