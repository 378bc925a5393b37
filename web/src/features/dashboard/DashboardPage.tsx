import type { DisplayFilter } from '@cerise/common';
import { Button, Group, NativeSelect, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useAddressParams } from '../../ui/use-address-params.ts';
import { moduleTitle } from '../home/module-tiles.ts';
import { ClassCcfTable } from './ClassCcfTable.tsx';
import { ClassOverview } from './ClassOverview.tsx';
import { useChildren, useDashboardDivisions, useDivisionLearners } from './dashboard.api.ts';
import { describeDisplayFilter, DisplayFilterDialog } from './DisplayFilterDialog.tsx';
import { LearnerDashboardView } from './LearnerDashboardView.tsx';
import { TeacherFilters, type CompetencyFilterState } from './TeacherFilters.tsx';
import './dashboard.css';

/** `/:uai/tableau-de-bord`: Tableau de bord (docs/guide.md § 3.8), for a teacher, a learner or a parent. */
export function DashboardPage() {
  const me = useCurrentUser();
  const staff = me.profiles.includes('teacher') || me.profiles.includes('administrator');
  const intro = staff ? t('dashboard.intro.teacher') : me.profiles.includes('learner') ? t('dashboard.intro.learner') : t('dashboard.intro.parent');
  return (
    <>
      <PageTitle>{moduleTitle('dashboard')}</PageTitle>
      <Text mb="md" className="dash-no-print">
        {intro}
      </Text>
      {staff ? <TeacherDashboard canFilter={me.profiles.includes('teacher')} /> : me.profiles.includes('learner') ? <OwnDashboard learnerId={me.id} /> : <ParentDashboard />}
    </>
  );
}

function TeacherDashboard({ canFilter }: { canFilter: boolean }) {
  const { params, update } = useAddressParams();
  const divisions = useDashboardDivisions();
  const divisionId = params.get('classe') ?? '';
  const learnerId = params.get('apprenant') ?? '';
  const view = (['learner', 'overview', 'ccf'] as const).find((v) => v === params.get('vue')) ?? 'learner';
  const learners = useDivisionLearners(divisionId);
  const [filter, setFilter] = useState<CompetencyFilterState>(null);
  const ids = filter ? new Set(filter.competencyIds) : null;

  if (divisions.isPending) return <PageLoader />;
  if (divisions.isError) return <ErrorAlert error={divisions.error} onRetry={() => void divisions.refetch()} />;
  if (divisions.data.divisions.length === 0) return <Text>{t('dashboard.noDivision')}</Text>;
  const known = divisions.data.divisions.some((d) => d.id === divisionId);
  return (
    <>
      <Group align="flex-end" mb="md" wrap="wrap" className="dash-no-print">
        <NativeSelect
          label={t('dashboard.division')}
          value={known ? divisionId : ''}
          onChange={(e) => update({ classe: e.currentTarget.value || null, apprenant: null }, false)}
          data={[{ value: '', label: t('dashboard.chooseDivision') }, ...divisions.data.divisions.map((d) => ({ value: d.id, label: d.label ? `${d.code} — ${d.label}` : d.code }))]}
          miw={200}
        />
        {known && view === 'learner' && (
          <NativeSelect
            label={t('dashboard.learner')}
            value={learners.data?.learners.some((l) => l.id === learnerId) ? learnerId : ''}
            onChange={(e) => update({ apprenant: e.currentTarget.value || null }, false)}
            data={[{ value: '', label: t('dashboard.chooseLearner') }, ...(learners.data?.learners ?? []).map((l) => ({ value: l.id, label: `${l.lastName} ${l.firstName}` }))]}
            miw={240}
          />
        )}
      </Group>
      {known && (
        <>
          <div className="dash-no-print">
            <Text size="sm" fw={500} id="dash-view-label">
              {t('dashboard.views.label')}
            </Text>
            <SegmentedControl
              aria-labelledby="dash-view-label"
              mb="md"
              value={view}
              onChange={(v) => update({ vue: v === 'learner' ? null : v }, false)}
              data={[
                { value: 'learner', label: t('dashboard.views.learner') },
                { value: 'overview', label: t('dashboard.views.overview') },
                { value: 'ccf', label: t('dashboard.views.ccf') },
              ]}
            />
          </div>
          {canFilter && view !== 'ccf' && <TeacherFilters value={filter} onChange={setFilter} />}
          {learners.isError && <ErrorAlert error={learners.error} />}
          {view === 'learner' && learnerId && <LearnerDashboardView key={learnerId} learnerId={learnerId} competencyIds={ids} />}
          {view === 'overview' && <ClassOverview divisionId={divisionId} competencyIds={ids} />}
          {view === 'ccf' && <ClassCcfTable divisionId={divisionId} />}
        </>
      )}
    </>
  );
}

/** The learner's own dashboard, with « Filtrer l'affichage ». */
function OwnDashboard({ learnerId }: { learnerId: string }) {
  const [filter, setFilter] = useState<DisplayFilter | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <LearnerDashboardView
      learnerId={learnerId}
      displayFilter={filter}
      controls={(d) => (
        <div className="dash-no-print">
          <Group mb="sm">
            <Button variant="default" onClick={() => setOpen(true)}>
              {t('dashboard.display.open')}
            </Button>
            {filter && <Text size="sm">{t('dashboard.display.active', { text: describeDisplayFilter(filter, d.poles) })}</Text>}
          </Group>
          {open && (
            <DisplayFilterDialog
              opened
              value={filter}
              poles={d.poles}
              onClose={() => setOpen(false)}
              onApply={(f) => {
                setFilter(f);
                setOpen(false);
              }}
            />
          )}
        </div>
      )}
    />
  );
}

/** A parent: each child's dashboard, read-only, the child chosen at the top. */
function ParentDashboard() {
  const { params, update } = useAddressParams();
  const children = useChildren();
  if (children.isPending) return <PageLoader />;
  if (children.isError) return <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />;
  const list = children.data.children;
  if (list.length === 0) return <Text>{t('dashboard.noChild')}</Text>;
  const childId = list.find((c) => c.id === params.get('enfant'))?.id ?? list[0]!.id;
  return (
    <>
      {list.length > 1 && (
        <NativeSelect
          className="dash-no-print"
          label={t('dashboard.child')}
          value={childId}
          onChange={(e) => update({ enfant: e.currentTarget.value }, false)}
          data={list.map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}` }))}
          maw={320}
          mb="md"
        />
      )}
      <LearnerDashboardView key={childId} learnerId={childId} />
    </>
  );
}
