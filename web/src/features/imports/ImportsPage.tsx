import { schoolYearOf } from '@cerise/common';
import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { useImportHistory } from './imports.api.ts';
import { LearnersImportForm } from './LearnersImportForm.tsx';
import { TeachersImportForm } from './TeachersImportForm.tsx';
import { useUploadFlow } from './use-upload-flow.ts';
import './imports.css';

/** Where a file comes from in SIECLE (docs/guide.md §3.1.2), under a small heading. */
function WhereInSiecle({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="siecle-where">
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      {children}
    </div>
  );
}

/** `/:uai/importer`: « Importer des fichiers » (docs/guide.md §3.1), for administrators. */
export function ImportsPage() {
  const { establishment } = useCurrentUser();
  const flow = useUploadFlow();
  const history = useImportHistory();
  const firstYear = schoolYearOf(new Date()).slice(0, 4);
  const stsFile = `sts_emp_${establishment.uai}_${firstYear}.xml`;
  const [before, after] = t('imports.teachers.where', { file: '\u0000' }).split('\u0000');
  const noTeachersYet = history.isSuccess && !history.data.some((run) => run.kind === 'teachers' && run.status === 'applied');

  return (
    <>
      <PageTitle>{t('imports.title')}</PageTitle>
      <Stack gap="xs" mb="xl" maw="52rem">
        <Text>{t('imports.intro')}</Text>
        <Text>{t('imports.twoSteps')}</Text>
        <Text fw={700}>{t('imports.teachersFirst')}</Text>
      </Stack>

      <SectionCard id="imports-teachers-title" title={t('imports.teachers.title')} titleMb={0} mb="xl">
        <Text c="dimmed" size="sm" mb="md">
          {t('imports.teachers.subtitle')}
        </Text>
        <WhereInSiecle title={t('imports.teachers.whereTitle')}>
          <Text size="sm">
            {before}
            <Code>{stsFile}</Code>
            {after}
          </Text>
          <Text size="sm" mt="xs">
            {t('imports.teachers.stsNote')}
          </Text>
        </WhereInSiecle>
        <TeachersImportForm flow={flow} />
      </SectionCard>

      <SectionCard id="imports-learners-title" title={t('imports.learners.title')} titleMb={0} mb="xl">
        <Text c="dimmed" size="sm" mb="md">
          {t('imports.learners.subtitle')}
        </Text>
        {noTeachersYet && (
          <Alert color="orange" variant="light" role="note" icon={<IconAlertTriangle aria-hidden="true" />} mb="md">
            {t('imports.learners.teachersNotYet')}
          </Alert>
        )}
        <WhereInSiecle title={t('imports.learners.whereTitle')}>
          <Text size="sm">{t('imports.learners.where')}</Text>
        </WhereInSiecle>
        <LearnersImportForm flow={flow} />
      </SectionCard>

      <SectionCard id="imports-history-title" title={t('imports.history.title')} titleMb="md" mb={0}>
        <ImportHistory />
      </SectionCard>
    </>
  );
}
