import { NO_DIVISION_ID } from '@cerise/common';
import { NativeSelect, Tabs, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useAddressParams } from '../../ui/use-address-params.ts';
import { moduleTitle } from '../home/module-tiles.ts';
import { useDivisions } from '../users/users.api.ts';
import { LearnersPanel } from './LearnersPanel.tsx';
import { ParentsPanel } from './ParentsPanel.tsx';
import '../users/admin.css';

/** `/:uai/acces`: « Accès parents, accès apprenants » (docs/guide.md §3.3). The class is in the address. */
export function AccessPage() {
  const { params, update } = useAddressParams();
  const divisions = useDivisions();
  const divisionId = params.get('classe') ?? '';
  const tab = params.get('onglet') === 'parents' ? 'parents' : 'apprenants';

  const set = (key: string, value: string | null) => update({ [key]: value }, false);

  const withoutDivision = divisions.data?.learnersWithoutDivision ?? 0;
  const known = (divisions.data?.divisions.some((d) => d.id === divisionId) ?? false) || (divisionId === NO_DIVISION_ID && withoutDivision > 0);

  return (
    <>
      <PageTitle>{moduleTitle('access')}</PageTitle>
      <Text mb="md">{t('access.intro')}</Text>
      {divisions.isPending && <PageLoader />}
      {divisions.isError && <ErrorAlert error={divisions.error} onRetry={() => void divisions.refetch()} />}
      {divisions.data && (
        <>
          {divisions.data.divisions.length === 0 && withoutDivision === 0 ? (
            <Text>{t('access.noDivision')}</Text>
          ) : (
            <NativeSelect
              label={t('access.division')}
              description={t('access.divisionHint', { year: divisions.data.schoolYear })}
              value={known ? divisionId : ''}
              onChange={(e) => set('classe', e.currentTarget.value || null)}
              data={[
                { value: '', label: t('access.chooseDivision') },
                ...divisions.data.divisions.map((d) => ({
                  value: d.id,
                  label: `${d.code}${d.label ? ` — ${d.label}` : ''} (${t('access.learnerCount', { count: d.learnerCount })})`,
                })),
                // « Sans classe »: learners in no division this year (docs/design.md §4).
                ...(withoutDivision > 0
                  ? [{ value: NO_DIVISION_ID, label: t('access.noDivisionOption', { count: t('access.learnerCount', { count: withoutDivision }) }) }]
                  : []),
              ]}
              maw={520}
              mb="lg"
            />
          )}
          {known && (
            <Tabs value={tab} onChange={(value) => set('onglet', value === 'parents' ? 'parents' : null)} keepMounted={false}>
              <Tabs.List aria-label={t('access.tabsLabel')} mb="md">
                <Tabs.Tab value="apprenants">{t('access.tabs.learners')}</Tabs.Tab>
                <Tabs.Tab value="parents">{t('access.tabs.parents')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="apprenants">
                <LearnersPanel key={divisionId} divisionId={divisionId} />
              </Tabs.Panel>
              <Tabs.Panel value="parents">
                <ParentsPanel key={divisionId} divisionId={divisionId} />
              </Tabs.Panel>
            </Tabs>
          )}
        </>
      )}
    </>
  );
}
