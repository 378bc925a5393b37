import { MASTERY_METHOD_LABELS, matchesDisplayFilter, type CompetencyBar, type DisplayFilter, type LearnerDashboard } from '@cerise/common';
import { Button, Checkbox, Group, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorText } from '../../app/api.ts';
import { downloadFile } from '../../app/download.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { CompetencyBars } from './CompetencyBars.tsx';
import { learnerPdfPath, useLearnerDashboard } from './dashboard.api.ts';
import { EvidenceDialog } from './EvidenceDialog.tsx';
import { BepSection, BlockedSection, CcfSection, PassportSection } from './LearnerSections.tsx';
import { ProgressChart } from './ProgressChart.tsx';

type Props = {
  learnerId: string;
  /** Competencies to show (a teacher's filter); all when null. */
  competencyIds?: ReadonlySet<string> | null;
  /** The learner's « Filtrer l'affichage »; all when null. */
  displayFilter?: DisplayFilter | null;
  /** Filter controls shown above the bars (they need the dashboard's pôles). */
  controls?: (d: LearnerDashboard) => ReactNode;
};

/** One learner's dashboard: bars with evidence, passport, blocked competencies, BEP view, CCF, progress, PDF. */
export function LearnerDashboardView({ learnerId, competencyIds = null, displayFilter = null, controls }: Props) {
  const query = useLearnerDashboard(learnerId);
  const [open, setOpen] = useState<CompetencyBar | null>(null);
  const [bep, setBep] = useState(false);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const total = d.poles.reduce((s, p) => s + p.classes.reduce((n, k) => n + k.competencies.length, 0), 0);
  const visible = (c: CompetencyBar, poleId: string) =>
    (competencyIds === null || competencyIds.has(c.id)) &&
    (displayFilter === null || matchesDisplayFilter(displayFilter, { percent: c.percent, state: c.state, poleId, blocked: c.blocked }));
  const shown = d.poles.reduce((s, p) => s + p.classes.reduce((n, k) => n + k.competencies.filter((c) => visible(c, p.id)).length, 0), 0);

  const downloadPdf = async () => {
    setPdfBusy(true);
    setPdfError(null);
    try {
      const name = await downloadFile('GET', learnerPdfPath(learnerId), 'tableau-de-bord.pdf');
      notifySuccess(t('dashboard.pdfDone', { name }));
    } catch (e) {
      setPdfError(errorText(e));
    } finally {
      setPdfBusy(false);
    }
  };

  return (
    <div aria-busy={query.isFetching}>
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} size="h3">
          {t('dashboard.of', { name: `${d.learner.firstName} ${d.learner.lastName}` })}
        </Title>
        <Group className="dash-no-print">
          <Checkbox label={t('dashboard.bepView')} checked={bep} onChange={(e) => setBep(e.currentTarget.checked)} />
          <Button variant="default" onClick={() => void downloadPdf()} loading={pdfBusy}>
            {t('dashboard.pdf')}
          </Button>
        </Group>
      </Group>
      {pdfError && <ErrorAlert error={pdfError} />}
      {bep ? (
        <BepSection bep={d.bep} />
      ) : (
        <>
          <SectionCard id="dash-bars" title={t('dashboard.bars.title')}>
            <Text size="sm" mb={4}>
              {t('dashboard.method', { method: MASTERY_METHOD_LABELS[d.method] })}
            </Text>
            <Text size="sm" mb="sm" className="dash-no-print">
              {t('dashboard.bars.hint')}
            </Text>
            {controls?.(d)}
            {shown !== total && (
              <Text size="sm" mb="sm" role="status">
                {t('dashboard.bars.shown', { count: shown, total })}
              </Text>
            )}
            <CompetencyBars poles={d.poles} visible={visible} onOpen={setOpen} />
          </SectionCard>
          <PassportSection d={d} />
          <BlockedSection d={d} />
          <CcfSection d={d} />
          <ProgressChart progress={d.progress} />
        </>
      )}
      <EvidenceDialog competency={open} onClose={() => setOpen(null)} />
    </div>
  );
}
