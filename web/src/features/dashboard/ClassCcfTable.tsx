import { Alert, Badge, List, Text, Title } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { useClassCcf } from './dashboard.api.ts';
import { VERDICT_COLOR } from './LearnerSections.tsx';

/** The CCF decision aid of a class: learners × E31, E32, E33, and BEP EP1, with the reasons. */
export function ClassCcfTable({ divisionId }: { divisionId: string }) {
  const q = useClassCcf(divisionId);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  return (
    <section aria-labelledby="dash-ccf-class" aria-busy={q.isFetching}>
      <Title order={2} size="h3" id="dash-ccf-class" mb="sm">
        {t('dashboard.ccf.title')} — {d.division.code}
      </Title>
      <Alert color="blue" variant="light" mb="md">
        {t('dashboard.ccf.notice')}
      </Alert>
      {d.learners.length === 0 ? (
        <Text>{t('dashboard.ccf.empty')}</Text>
      ) : (
        <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('dashboard.ccf.caption', { division: d.division.code })}>
          <table className="dash-heat" style={{ fontSize: 13 }}>
            <caption>{t('dashboard.ccf.caption', { division: d.division.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.ccf.learner')}</th>
                {d.units.map((u) => (
                  <th scope="col" key={u.unitCode} title={u.poleTitle}>
                    {t('dashboard.ccf.unitOfPole', { unit: u.unitCode, pole: u.poleCode })}
                  </th>
                ))}
                <th scope="col">{t('dashboard.ccf.ep1')}</th>
              </tr>
            </thead>
            <tbody>
              {d.learners.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    {l.lastName} {l.firstName}
                  </th>
                  {l.units.map((u) => (
                    <td key={u.unitCode} style={{ textAlign: 'left', verticalAlign: 'top', whiteSpace: 'normal', minWidth: 220 }}>
                      <Badge color={VERDICT_COLOR[u.verdict]} variant="filled">
                        {t(`dashboard.ccf.verdicts.${u.verdict}`)}
                      </Badge>
                      <Text size="xs">{t('dashboard.ccf.acquired', { percent: u.acquiredPercent })}</Text>
                      {u.reasons.length > 0 && (
                        <List size="xs">
                          {u.reasons.map((r) => (
                            <List.Item key={r}>{r}</List.Item>
                          ))}
                        </List>
                      )}
                    </td>
                  ))}
                  <td style={{ textAlign: 'left', verticalAlign: 'top', whiteSpace: 'normal', minWidth: 200 }}>
                    <Badge color={l.ep1.ready ? 'green.9' : 'orange.9'} variant="filled">
                      {l.ep1.ready ? t('dashboard.bep.ready') : t('dashboard.bep.notReady')}
                    </Badge>
                    <Text size="xs">{l.ep1.text}</Text>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
