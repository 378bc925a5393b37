import { LEVEL_BY_CODE, type BepView, type CcfUnitResult, type LearnerDashboard } from '@cerise/common';
import { Alert, Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { frenchDate } from './states.ts';

const reviewText = (r: LearnerDashboard['passport'][number]['lastReview']) =>
  r ? `${LEVEL_BY_CODE[r.level].label} (${frenchDate(r.reviewedOn)})` : t('dashboard.passport.notReviewed');

/** The passport situations with their last review (docs/guide.md § 3.8.2). */
export function PassportSection({ d }: { d: LearnerDashboard }) {
  return (
    <SectionCard id="dash-passport" title={t('dashboard.passport.title')}>
      {d.passport.length === 0 ? (
        <Text>{t('dashboard.passport.empty')}</Text>
      ) : (
        <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('dashboard.passport.title')}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.passport.situation')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.passport.date')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.passport.competency')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.passport.lastReview')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.passport.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.title}</Table.Td>
                  <Table.Td>{frenchDate(p.occurredOn)}</Table.Td>
                  <Table.Td>
                    {p.competencyCode} {p.competencyLabel}
                  </Table.Td>
                  <Table.Td>{reviewText(p.lastReview)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </SectionCard>
  );
}

export function BlockedSection({ d }: { d: LearnerDashboard }) {
  return (
    <SectionCard id="dash-blocked" title={t('dashboard.blocked.title')}>
      {d.blocked.length === 0 ? (
        <Text>{t('dashboard.blocked.empty')}</Text>
      ) : (
        <List>
          {d.blocked.map((b) => (
            <List.Item key={b.competencyId}>
              <strong>{b.code}</strong> {b.label} ({t('dashboard.blocked.since', { date: frenchDate(b.blockedAt) })})
            </List.Item>
          ))}
        </List>
      )}
    </SectionCard>
  );
}

/** « Vue BEP »: situations attached to BEP activities with their last review, and the EP1 count. */
export function BepSection({ bep }: { bep: BepView }) {
  return (
    <SectionCard id="dash-bep" title={bep.title ? `${t('dashboard.bep.title')} — ${bep.title}` : t('dashboard.bep.title')}>
      <Title order={3} size="h5" mb={4}>
        {t('dashboard.bep.ep1')}
      </Title>
      <Alert color={bep.ep1.ready ? 'green' : 'orange'} variant="light" mb="md" title={bep.ep1.ready ? t('dashboard.bep.ready') : t('dashboard.bep.notReady')}>
        {bep.ep1.text}
      </Alert>
      <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('dashboard.bep.title')}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.bep.activity')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.bep.domain')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.bep.situations')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bep.activities.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <strong>{a.code}</strong> {a.label}
                </Table.Td>
                <Table.Td>{t(`dashboard.bep.domains.${a.domain}`)}</Table.Td>
                <Table.Td>
                  {a.situations.length === 0
                    ? t('dashboard.bep.none')
                    : a.situations.map((s) => (
                        <div key={s.id}>
                          {s.title} — {reviewText(s.lastReview)}
                        </div>
                      ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </SectionCard>
  );
}

export const VERDICT_COLOR: Record<CcfUnitResult['verdict'], string> = { ready: 'green.9', almost_ready: 'orange.9', not_yet: 'red.9' };

/** One learner's CCF verdicts with their reasons, and the notice that it is an aid. */
export function CcfSection({ d }: { d: LearnerDashboard }) {
  return (
    <SectionCard id="dash-ccf" title={t('dashboard.ccf.title')}>
      <Alert color="blue" variant="light" mb="md">
        {t('dashboard.ccf.notice')}
      </Alert>
      <Stack gap="md">
        {d.ccf.map((u) => (
          <div key={u.unitCode}>
            <Title order={3} size="h5">
              {t('dashboard.ccf.unitOfPole', { unit: u.unitCode, pole: u.poleCode })} — {u.poleTitle} :{' '}
              <Badge color={VERDICT_COLOR[u.verdict]} variant="filled" component="span">
                {t(`dashboard.ccf.verdicts.${u.verdict}`)}
              </Badge>
            </Title>
            <Text size="sm">
              {t('dashboard.ccf.acquired', { percent: u.acquiredPercent })} ; {t('dashboard.bars.evidence', { count: u.evidenceCount })}.
            </Text>
            {u.reasons.length === 0 ? (
              <Text size="sm">{t('dashboard.ccf.allMet')}</Text>
            ) : (
              <List size="sm">
                {u.reasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
          </div>
        ))}
      </Stack>
    </SectionCard>
  );
}
