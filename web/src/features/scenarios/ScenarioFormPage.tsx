import { Alert, Anchor, Button, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { hasCode } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { AttachmentList, AttachmentUpload } from './AttachmentList.tsx';
import { scenarioPath } from './scenario-paths.ts';
import { ScenarioForm, emptyValues, valuesOf, type ScenarioFormValues } from './ScenarioForm.tsx';
import { useCreateScenario, useScenario, useUpdateScenario } from './scenarios.api.ts';
import { useSituation } from '../passport/passport.api.ts';
import './scenarios.css';

/**
 * `/:uai/scenarios/nouveau`: « Validez la création du scénario », then the attachments.
 * `?fromSituation=<id>` (« créer un scénario » in a learner's passport) opens it prefilled with the
 * situation's title, context, conditions and competency with its complexities and hazards.
 */
export function ScenarioCreatePage() {
  const { establishment } = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateScenario();
  const path = scenarioPath(establishment.uai);
  const [params] = useSearchParams();
  const fromSituation = params.get('fromSituation') ?? undefined;
  const situation = useSituation(fromSituation);
  if (fromSituation && situation.isPending) return <PageLoader />;
  const source = situation.data;
  const initial = source
    ? {
        ...emptyValues(),
        title: source.title,
        isPrivate: true,
        context: [source.context, source.conditions].filter((x) => x.trim()).join('\n\n'),
        competencies: [{ competencyId: source.situation.competencyId, complexityIds: source.complexityIds, hazardIds: source.hazardIds }],
      }
    : emptyValues();
  return (
    <>
      <PageTitle>{t('scenarios.form.createTitle')}</PageTitle>
      {source ? <Text mb="md">{t('scenarios.form.fromSituation', { title: source.title, code: source.situation.competencyCode })}</Text> : null}
      {fromSituation && situation.isError ? <ErrorAlert error={situation.error} /> : null}
      <ScenarioForm
        initial={initial}
        submitLabel={t('scenarios.form.create')}
        pending={create.isPending}
        onCancel={() => void navigate(path.list)}
        status={create.isError ? <ErrorAlert error={create.error} /> : null}
        onSubmit={(values) =>
          create.mutate(values, {
            onSuccess: (s) => {
              notifySuccess(t('scenarios.form.created'));
              void navigate(`${path.edit(s.id)}#pieces-jointes`);
            },
          })
        }
      />
      <SectionCard id="scenario-attachments" title={t('scenarios.attachments.title')}>
        <Text>{t('scenarios.attachments.afterCreate')}</Text>
      </SectionCard>
    </>
  );
}

/** `/:uai/scenarios/:scenarioId/modifier`: author only; a stale save offers to reload. */
export function ScenarioEditPage() {
  const { scenarioId = '' } = useParams();
  const { establishment } = useCurrentUser();
  const navigate = useNavigate();
  const scenario = useScenario(scenarioId);
  const update = useUpdateScenario(scenarioId);
  // The form is keyed by the version it was opened on: reloading starts it again from the server.
  const [formKey, setFormKey] = useState(0);
  // The version the form was opened on (a background refetch must not make a stale save pass).
  const [openedVersion, setOpenedVersion] = useState<number | null>(null);
  const loadedVersion = scenario.data?.version;
  useEffect(() => {
    if (openedVersion === null && loadedVersion !== undefined) setOpenedVersion(loadedVersion);
  }, [openedVersion, loadedVersion]);
  const path = scenarioPath(establishment.uai);

  if (scenario.isPending) return <PageLoader />;
  if (scenario.isError) return <ErrorAlert error={scenario.error} />;
  const s = scenario.data;
  if (!s.isMine) {
    return (
      <>
        <PageTitle>{t('scenarios.form.editTitle', { title: s.title })}</PageTitle>
        <ErrorAlert error={t('scenarios.form.notAuthor')} />
        <Anchor component={Link} to={path.one(s.id)}>
          {t('scenarios.actions.consult')}
        </Anchor>
      </>
    );
  }

  const conflict = update.isError && hasCode(update.error, 'scenarios.version_conflict');
  const reload = async () => {
    const fresh = await scenario.refetch();
    setOpenedVersion(fresh.data?.version ?? null);
    update.reset();
    setFormKey((k) => k + 1);
  };
  const status = conflict ? (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('scenarios.form.conflictTitle')} mb="md" role="alert">
      <Text size="sm" mb="sm">
        {t('scenarios.form.conflictText')}
      </Text>
      <Button size="xs" variant="outline" color="orange" onClick={() => void reload()}>
        {t('scenarios.form.reload')}
      </Button>
    </Alert>
  ) : update.isError ? (
    <ErrorAlert error={update.error} />
  ) : null;

  return (
    <>
      <PageTitle>{t('scenarios.form.editTitle', { title: s.title })}</PageTitle>
      <ScenarioForm
        key={`${formKey}`}
        initial={valuesOf(s)}
        submitLabel={t('scenarios.form.save')}
        pending={update.isPending}
        status={status}
        onCancel={() => void navigate(path.one(s.id))}
        onSubmit={(values: ScenarioFormValues) =>
          update.mutate({ ...values, version: openedVersion ?? s.version }, {
            onSuccess: (saved) => {
              notifySuccess(t('scenarios.form.saved'));
              void navigate(path.one(saved.id));
            },
          })
        }
      />
      <div id="pieces-jointes">
        <SectionCard id="scenario-attachments" title={t('scenarios.attachments.title')}>
          <AttachmentList scenarioId={s.id} attachments={s.attachments} removable />
          <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
            <AttachmentUpload scenarioId={s.id} />
          </div>
        </SectionCard>
      </div>
    </>
  );
}
