import { MODULE_PATHS } from '@cerise/common';
import { Alert, Anchor, Button, Group, List, Stack } from '@mantine/core';
import { IconDownload, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { frenchDate, personLabel } from './format.ts';
import { downloadExtract, useSituations } from './passport.api.ts';
import { PoleSelect } from './PoleSelect.tsx';
import { SituationList } from './SituationList.tsx';

const NO_FILTER = { title: '', date: '', competency: '', page: 1 };

/** `apprenants/:learnerId`: a learner's passport as their teacher, an administrator or a parent reads it (docs/guide.md § 3.8). */
export function LearnerPassportPage() {
  const { learnerId } = useParams();
  const { user, establishment } = useCurrentUser();
  const base = `/${establishment.uai}/${MODULE_PATHS.passport}`;
  const head = useSituations(learnerId, NO_FILTER);
  const staff = user.profiles.includes('teacher') || user.profiles.includes('administrator');
  const [pole, setPole] = useState('');
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const learner = head.data?.learner;

  const pdf = async () => {
    setPdfError(null);
    setBusy(true);
    try {
      await downloadExtract(learnerId!, pole);
    } catch (e) {
      setPdfError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={learner ? t('passport.learnerTitle', { name: personLabel(learner) }) : t('passport.title')}>
        {learner ? t('passport.learnerTitle', { name: personLabel(learner) }) : t('passport.title')}
      </PageTitle>
      <Anchor component={Link} to={base} size="sm">
        {user.profiles.includes('parent') && !staff ? t('passport.backToChildren') : t('passport.backToClasses')}
      </Anchor>
      {head.error && <ErrorAlert error={head.error} onRetry={() => void head.refetch()} />}
      {head.data && (
        <Stack gap="md" mt="md">
          {head.data.blocked.length > 0 && (
            <Alert color="red" variant="light" icon={<IconLock aria-hidden="true" />} title={t('passport.blocked.teacherTitle')}>
              <List size="sm">
                {head.data.blocked.map((b) => (
                  <List.Item key={b.competencyId}>{t('passport.blocked.item', { code: b.competencyCode, name: personLabel(b.teacher), date: frenchDate(b.blockedAt) })}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {staff && (
            <Group align="flex-end" gap="sm">
              <PoleSelect value={pole} onChange={setPole} />
              <Button leftSection={<IconDownload size={16} aria-hidden="true" />} variant="light" loading={busy} onClick={() => void pdf()}>
                {t('passport.extract.learnerButton')}
              </Button>
            </Group>
          )}
          {pdfError && <ErrorAlert error={pdfError} />}
          <SituationList learnerId={learnerId!} teacherView hrefOf={(id) => `${base}/situations/${id}`} />
        </Stack>
      )}
    </>
  );
}
