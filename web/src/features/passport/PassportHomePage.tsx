import { MODULE_PATHS } from '@cerise/common';
import { Alert, Anchor, Button, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { moduleTitle } from '../home/module-tiles.ts';
import { frenchDate, personLabel } from './format.ts';
import { downloadClassExtracts, usePassportChildren, usePassportClasses } from './passport.api.ts';
import { PoleSelect } from './PoleSelect.tsx';
import { SituationList } from './SituationList.tsx';

/** The module's home: the learner's own passport, the teacher's classes, or a parent's children. */
export function PassportHomePage() {
  const { user } = useCurrentUser();
  if (user.profiles.includes('learner')) return <LearnerHome />;
  if (user.profiles.includes('teacher') || user.profiles.includes('administrator')) return <TeacherHome />;
  return <ParentHome />;
}

function LearnerHome() {
  const { user, establishment } = useCurrentUser();
  const base = `/${establishment.uai}/${MODULE_PATHS.passport}`;
  return (
    <>
      <PageTitle>{moduleTitle('passport')}</PageTitle>
      <Button component={Link} to={`${base}/nouvelle`} leftSection={<IconPlus size={16} aria-hidden="true" />} mb="md">
        {t('passport.newSituation')}
      </Button>
      <SituationList
        learnerId={user.id}
        hrefOf={(id) => `${base}/situations/${id}`}
        header={(data) =>
          data.blocked.length > 0 && (
            <Alert color="gray" variant="light" icon={<IconLock aria-hidden="true" />} mb="md" title={t('passport.blocked.title')}>
              <List size="sm">
                {data.blocked.map((b) => (
                  <List.Item key={b.competencyId}>{t('passport.blocked.item', { code: b.competencyCode, name: personLabel(b.teacher), date: frenchDate(b.blockedAt) })}</List.Item>
                ))}
              </List>
            </Alert>
          )
        }
      />
    </>
  );
}

function TeacherHome() {
  const { establishment } = useCurrentUser();
  const classes = usePassportClasses();
  const [classId, setClassId] = useState('');
  const [pole, setPole] = useState('');
  const [zipError, setZipError] = useState<string | null>(null);
  const [zipping, setZipping] = useState(false);
  const chosen = classes.data?.classes.find((c) => c.id === classId) ?? classes.data?.classes[0];
  const base = `/${establishment.uai}/${MODULE_PATHS.passport}`;

  const zip = async () => {
    if (!chosen) return;
    setZipError(null);
    setZipping(true);
    try {
      await downloadClassExtracts(chosen.id, pole);
    } catch (e) {
      setZipError(errorText(e));
    } finally {
      setZipping(false);
    }
  };

  return (
    <div aria-busy={classes.isPending}>
      <PageTitle>{moduleTitle('passport')}</PageTitle>
      {classes.error && <ErrorAlert error={classes.error} onRetry={() => void classes.refetch()} />}
      {classes.isPending && <PageLoader />}
      {classes.data && classes.data.classes.length === 0 && <Text>{t('passport.teacher.noClass')}</Text>}
      {classes.data && chosen && (
        <Stack gap="md">
          <NativeSelect
            label={t('passport.teacher.class')}
            value={chosen.id}
            onChange={(e) => setClassId(e.currentTarget.value)}
            data={classes.data.classes.map((c) => ({ value: c.id, label: c.label ? `${c.code} — ${c.label}` : c.code }))}
            maw={420}
          />
          <section aria-labelledby="passport-learners">
            <Title order={2} size="h3" id="passport-learners" mb="xs">
              {t('passport.teacher.learners', { code: chosen.code })}
            </Title>
            {chosen.learners.length === 0 ? (
              <Text c="dimmed">{t('passport.teacher.noLearner')}</Text>
            ) : (
              <List spacing={4}>
                {chosen.learners.map((l) => (
                  <List.Item key={l.id}>
                    <Anchor component={Link} to={`${base}/apprenants/${l.id}`}>
                      {l.lastName} {l.firstName}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      ({t('passport.teacher.situationCount', { count: l.situationCount })})
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </section>
          <section aria-labelledby="passport-ccf">
            <Title order={2} size="h3" id="passport-ccf" mb="xs">
              {t('passport.extract.classTitle')}
            </Title>
            <Group align="flex-end" gap="sm">
              <PoleSelect value={pole} onChange={setPole} />
              <Button leftSection={<IconDownload size={16} aria-hidden="true" />} loading={zipping} onClick={() => void zip()} disabled={chosen.learners.length === 0}>
                {t('passport.extract.classButton', { code: chosen.code })}
              </Button>
            </Group>
            {zipError && <ErrorAlert error={zipError} />}
          </section>
        </Stack>
      )}
    </div>
  );
}

function ParentHome() {
  const { establishment } = useCurrentUser();
  const children = usePassportChildren();
  return (
    <div aria-busy={children.isPending}>
      <PageTitle>{moduleTitle('passport')}</PageTitle>
      {children.error && <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />}
      {children.data && children.data.children.length === 0 && <Text>{t('passport.parent.none')}</Text>}
      {children.data && children.data.children.length > 0 && (
        <List>
          {children.data.children.map((c) => (
            <List.Item key={c.id}>
              <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.passport}/apprenants/${c.id}`}>
                {t('passport.parent.child', { name: personLabel(c) })}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
