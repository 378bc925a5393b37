import type { Evaluation } from '@cerise/common';
import { Alert, Anchor, Button, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText, hasCode, isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FrenchDateInput } from '../../ui/FrenchDateInput.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { CompetencyPicker, type CompetencySelection } from '../referentials/picker/CompetencyPicker.tsx';
import { useEvaluation, useEvaluationChoices, useSaveDefinition, useScenarioPrefill } from './evaluations.api.ts';
import { LearnerChooser } from './LearnerChooser.tsx';
import { LossModal } from './LossModal.tsx';

const today = () => new Date().toLocaleDateString('sv-SE');

/** Créer / modifier une évaluation (docs/guide.md § 3.6.2): title, date, competencies, learners. */
export function EvaluationEditorPage() {
  const { evaluationId } = useParams();
  const existing = useEvaluation(evaluationId);
  if (evaluationId && existing.isPending) return <PageLoader />;
  if (evaluationId && existing.isError) return <ErrorAlert error={existing.error} />;
  return <EditorForm key={evaluationId ?? 'new'} existing={existing.data ?? null} />;
}

function EditorForm({ existing }: { existing: Evaluation | null }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scenarioId = existing ? null : params.get('scenario');
  const prefill = useScenarioPrefill(scenarioId);
  const choices = useEvaluationChoices();
  const save = useSaveDefinition(existing?.id);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [date, setDate] = useState<string | null>(existing?.evaluatedOn ?? today());
  const [competencies, setCompetencies] = useState<CompetencySelection[]>(
    existing?.competencies.map((c) => ({ competencyId: c.competencyId, complexityIds: c.complexities.map((i) => i.id), hazardIds: c.hazards.map((i) => i.id) })) ?? [],
  );
  const [learnerIds, setLearnerIds] = useState<string[]>(existing?.learners.map((l) => l.id) ?? (params.get('learners')?.split(',').filter(Boolean) ?? []));
  const [coauthorIds, setCoauthorIds] = useState<string[]>(existing?.coauthors.map((c) => c.id) ?? []);
  const [errors, setErrors] = useState<Partial<Record<'title' | 'date' | 'competencies' | 'learners', string>>>({});
  const [loss, setLoss] = useState<number | null>(null);
  const prefilled = useRef(false);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (prefilled.current || !prefill.data) return;
    prefilled.current = true;
    if (!title) setTitle(prefill.data.title);
    if (competencies.length === 0) setCompetencies(prefill.data.competencies);
  }, [prefill.data, title, competencies.length]);

  useEffect(() => {
    const hash = window.location.hash.slice(1);
    if (hash) document.getElementById(`evaluation-${hash}`)?.scrollIntoView();
  }, []);

  async function submit(confirmLoss = false) {
    const found: typeof errors = {};
    if (!title.trim()) found.title = t('evaluations.editor.needTitle');
    if (!date) found.date = t('evaluations.editor.needDate');
    if (competencies.length === 0) found.competencies = t('evaluations.editor.needCompetency');
    if (learnerIds.length === 0) found.learners = t('evaluations.editor.needLearner');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      if (found.title) titleRef.current?.focus();
      else document.getElementById(found.date ? 'evaluation-date' : found.competencies ? 'evaluation-competences' : 'evaluation-apprenants')?.focus();
      return;
    }
    const body = {
      title: title.trim(),
      evaluatedOn: date!,
      competencies,
      learnerIds,
      ...(existing ? { version: existing.version, confirmLoss, ...(existing.isAuthor ? { coauthorIds } : {}) } : { coauthorIds, isVisible: false, scenarioId: scenarioId && prefill.data ? scenarioId : null }),
    };
    try {
      const saved = await save.mutateAsync(body);
      setLoss(null);
      void navigate(`/${me.establishment.uai}/evaluations/${saved.id}`);
    } catch (error) {
      if (hasCode(error, 'evaluations.results_would_be_lost') && isApiError(error)) setLoss((error.details as { results?: number } | undefined)?.results ?? 0);
    }
  }

  return (
    <>
      <Anchor component={Link} to={`/${me.establishment.uai}/evaluations`} size="sm">
        {t('evaluations.backToList')}
      </Anchor>
      <PageTitle>{existing ? t('evaluations.editor.editHeading') : t('evaluations.editor.createHeading')}</PageTitle>
      {scenarioId && prefill.data && <Alert mb="md">{t('evaluations.editor.fromScenario', { title: prefill.data.title })}</Alert>}
      {scenarioId && prefill.data === null && <Alert color="gray" mb="md">{t('evaluations.editor.scenarioUnavailable')}</Alert>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="lg">
          <Group align="flex-start" wrap="wrap">
            <TextInput ref={titleRef} label={t('evaluations.editor.titleLabel')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} w={480} maw="100%" error={errors.title} />
            <FrenchDateInput id="evaluation-date" label={t('evaluations.editor.dateLabel')} value={date} onChange={(v) => setDate(v)} required w={220} error={errors.date} />
          </Group>
          <section id="evaluation-competences" tabIndex={-1} aria-labelledby="evaluation-competences-title">
            <Title order={2} size="h3" id="evaluation-competences-title" mb="sm">
              {t('evaluations.editor.competenciesHeading')}
            </Title>
            {errors.competencies && (
              <Text c="red.8" size="sm" role="alert" mb="xs">
                {errors.competencies}
              </Text>
            )}
            <CompetencyPicker value={competencies} onChange={setCompetencies} headingLevel={3} />
          </section>
          <section id="evaluation-apprenants" tabIndex={-1} aria-labelledby="evaluation-learners-title">
            <Title order={2} size="h3" id="evaluation-learners-title" mb="sm">
              {t('evaluations.editor.learnersHeading')}
            </Title>
            {errors.learners && (
              <Text c="red.8" size="sm" role="alert" mb="xs">
                {errors.learners}
              </Text>
            )}
            {choices.isPending ? <PageLoader /> : choices.isError ? <ErrorAlert error={choices.error} /> : <LearnerChooser choices={choices.data} value={learnerIds} onChange={setLearnerIds} />}
          </section>
          {choices.data && (!existing || existing.isAuthor) && (
            <MultiSelect
              label={t('evaluations.editor.coauthors')}
              placeholder={t('evaluations.editor.coauthorsPlaceholder')}
              data={choices.data.teachers.map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName}` }))}
              value={coauthorIds}
              onChange={setCoauthorIds}
              searchable
              maw={560}
            />
          )}
          {save.isError && !hasCode(save.error, 'evaluations.results_would_be_lost') && <Alert color="red" role="alert">{errorText(save.error)}</Alert>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('evaluations.editor.submit')}
            </Button>
            <Button variant="default" component={Link} to={existing ? `/${me.establishment.uai}/evaluations/${existing.id}` : `/${me.establishment.uai}/evaluations`}>
              {t('evaluations.editor.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
      <LossModal count={loss} pending={save.isPending} onCancel={() => setLoss(null)} onConfirm={() => void submit(true)} />
    </>
  );
}
