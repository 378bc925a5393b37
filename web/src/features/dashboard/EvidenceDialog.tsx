import { MODULE_PATHS, LEVEL_BY_CODE, type CompetencyBar, type EvidenceRow } from '@cerise/common';
import { Anchor, Button, Group, Modal, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { frenchDate, stateText } from './states.ts';

/**
 * Where an evidence's source lives: the evaluation (its grid for staff, its « consulter » page for
 * learners and parents, who only reach visible ones), or the passport situation.
 */
function sourcePath(uai: string, e: EvidenceRow, staff: boolean): string | null {
  if (e.source === 'passport') return `/${uai}/${MODULE_PATHS.passport}/situations/${encodeURIComponent(e.sourceId)}`;
  if (staff) return `/${uai}/${MODULE_PATHS.evaluations}/${encodeURIComponent(e.sourceId)}`;
  return e.visible ? `/${uai}/${MODULE_PATHS.evaluations}/consulter/${encodeURIComponent(e.sourceId)}` : null;
}

const weightText = (w: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 }).format(w);

/**
 * The evidence of one competency (« mastery is never a black box »): date, source as a link,
 * level, complexities and hazards, weight; and what did not count, with why.
 */
export function EvidenceDialog({ competency, onClose }: { competency: CompetencyBar | null; onClose: () => void }) {
  const me = useCurrentUser();
  const staff = me.profiles.includes('teacher') || me.profiles.includes('administrator');
  const c = competency;
  return (
    <Modal opened={c !== null} onClose={onClose} size="xl" title={c ? t('dashboard.evidence.title', { code: c.code }) : ''}>
      {c && (
        <>
          <Text mb="xs">{c.label}</Text>
          <Text mb="sm">
            {t('dashboard.evidence.summary', { value: stateText(c.percent, c.state), evidence: t('dashboard.bars.evidence', { count: c.evidenceCount }) })}
          </Text>
          {c.evidence.length === 0 ? (
            <Text>{t('dashboard.evidence.empty')}</Text>
          ) : (
            <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('dashboard.evidence.caption')}>
              <Table striped withTableBorder>
                <Table.Caption>{t('dashboard.evidence.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('dashboard.evidence.date')}</Table.Th>
                    <Table.Th scope="col">{t('dashboard.evidence.source')}</Table.Th>
                    <Table.Th scope="col">{t('dashboard.evidence.level')}</Table.Th>
                    <Table.Th scope="col">{t('dashboard.evidence.conditions')}</Table.Th>
                    <Table.Th scope="col">{t('dashboard.evidence.weight')}</Table.Th>
                    <Table.Th scope="col">{t('dashboard.evidence.counted')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.evidence.map((e) => (
                    <Table.Tr key={`${e.source}-${e.id}`}>
                      <Table.Td>{frenchDate(e.date)}</Table.Td>
                      <Table.Td>
                        {t(e.source === 'evaluation' ? 'dashboard.evidence.evaluation' : 'dashboard.evidence.passport')} :{' '}
                        {sourcePath(me.establishment.uai, e, staff) === null ? (
                          e.title
                        ) : (
                          <Anchor component={Link} to={sourcePath(me.establishment.uai, e, staff)!}>
                            {e.title}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td>{LEVEL_BY_CODE[e.level].label}</Table.Td>
                      <Table.Td>
                        {e.complexities.length + e.hazards.length === 0
                          ? t('dashboard.evidence.none')
                          : [...e.complexities.map((label) => t('dashboard.evidence.complexity', { label })), ...e.hazards.map((label) => t('dashboard.evidence.hazard', { label }))].join(' ; ')}
                      </Table.Td>
                      <Table.Td>{e.counted ? weightText(e.weight) : '—'}</Table.Td>
                      <Table.Td>{e.counted ? t('dashboard.evidence.yes') : t(`dashboard.evidence.notCounted.${e.notCounted ?? 'outside_window'}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          <Group justify="flex-end" mt="md">
            <Button onClick={onClose}>{t('dashboard.evidence.close')}</Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
